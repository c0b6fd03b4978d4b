package io.fraudstream.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvalidEventExceptionTest {

    @Test
    void readsFieldColonReason() {
        InvalidEventException e = new InvalidEventException("amount", "must be >= 0, was -5");

        assertThat(e).hasMessage("amount: must be >= 0, was -5");
        assertThat(e.field()).isEqualTo("amount");
        assertThat(e.reason()).isEqualTo("must be >= 0, was -5");
    }

    @Test
    void namesThePayloadWhenNoFieldIsAtFault() {
        InvalidEventException e =
                new InvalidEventException(null, "larger than 65536 bytes, was 70000");

        assertThat(e).hasMessage("payload: larger than 65536 bytes, was 70000");
        assertThat(e.field()).isNull();
    }

    @Test
    void capturesNoStackTraceAndNoSuppressedExceptions() {
        InvalidEventException e = new InvalidEventException("amount", "bad");
        e.addSuppressed(new IllegalStateException());

        assertThat(e.getStackTrace()).isEmpty();
        assertThat(e.getSuppressed()).isEmpty();
    }

    @Test
    void keepsAReasonSafeToStoreInAnotherEvent() {
        String hostile = "\uD800" + "x".repeat(5000);

        InvalidEventException e = new InvalidEventException(null, hostile);

        assertThat(e.reason()).startsWith("\uFFFDxxx").endsWith("...").hasSize(1024);
        assertThat(e.getMessage()).isEqualTo("payload: " + e.reason());
    }

    @Test
    void cutsALongReasonWithoutSplittingASurrogatePair() {
        String emoji = "😀".repeat(1000);

        String reason = new InvalidEventException("note", emoji).reason();

        assertThat(reason).endsWith("😀...").hasSize(1023);
    }
}
