package io.fraudstream.events;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The records validate themselves, so code that builds events cannot build invalid ones. */
class EventRecordsTest {

    @Nested
    class Transactions {

        @Test
        void rejectsAnInvalidFieldWithTheCodecsException() {
            assertThatExceptionOfType(InvalidEventException.class)
                    .isThrownBy(() -> withAmount(new BigDecimal("-5")))
                    .withMessage("amount: must be >= 0, was -5")
                    .satisfies(e -> assertThat(e.field()).isEqualTo("amount"));
        }

        @Test
        void rejectsAMissingRequiredField() {
            assertThatExceptionOfType(InvalidEventException.class)
                    .isThrownBy(
                            () ->
                                    new Transaction(
                                            "t-1",
                                            null,
                                            Events.PAYMENT_TIME,
                                            BigDecimal.ONE,
                                            "EUR",
                                            null,
                                            null,
                                            null,
                                            null,
                                            null,
                                            null,
                                            null))
                    .withMessage("accountId: required");
        }

        @Test
        void storesAnExponentAmountAtScaleZeroSoItSurvivesThePlainWireForm() {
            Transaction transaction = withAmount(new BigDecimal("1E+3"));

            assertThat(transaction.amount()).isEqualTo(new BigDecimal("1000"));
            assertThat(transaction.amount().scale()).isZero();
        }

        @Test
        void keepsTheScaleOfAnAmountItIsGiven() {
            assertThat(withAmount(new BigDecimal("125.40")).amount().toPlainString())
                    .isEqualTo("125.40");
        }

        @ParameterizedTest
        @CsvSource({"POS, true", "ATM, true", "ECOM, false", ", false"})
        void tellsWhetherTheCardWasPresent(Transaction.Channel channel, boolean present) {
            Transaction t = Events.transaction();
            Transaction withChannel =
                    new Transaction(
                            t.transactionId(),
                            t.accountId(),
                            t.timestamp(),
                            t.amount(),
                            t.currency(),
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            channel);

            assertThat(withChannel.cardPresent()).isEqualTo(present);
        }

        @Test
        void tellsWhetherItHasALocation() {
            assertThat(Events.transaction().hasLocation()).isTrue();
            assertThat(Events.bareTransaction().hasLocation()).isFalse();
        }

        @Test
        void rejectsAnInstantBeyondYear9999() {
            assertThatExceptionOfType(InvalidEventException.class)
                    .isThrownBy(
                            () ->
                                    new Transaction(
                                            "t-1",
                                            "a",
                                            Checks.MAX_INSTANT.plusNanos(1),
                                            BigDecimal.ONE,
                                            "EUR",
                                            null,
                                            null,
                                            null,
                                            null,
                                            null,
                                            null,
                                            null))
                    .withMessage(
                            "timestamp: outside the years 0000 to 9999, was "
                                    + "+10000-01-01T00:00:00Z");
        }

        private Transaction withAmount(BigDecimal amount) {
            return new Transaction(
                    "t-1",
                    "acct-42",
                    Events.PAYMENT_TIME,
                    amount,
                    "EUR",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
        }
    }

    @Nested
    class Alerts {

        @Test
        void copiesItsListsSoLaterChangesDoNotLeakIn() {
            List<String> related = new ArrayList<>(List.of("t-5"));
            List<Alert.Reason> reasons = new ArrayList<>(List.of(Events.reason()));
            Alert alert = alert(related, reasons);

            related.add("t-6");
            reasons.clear();

            assertThat(alert.relatedTransactionIds()).containsExactly("t-5");
            assertThat(alert.reasons()).containsExactly(Events.reason());
        }

        @Test
        void exposesUnmodifiableLists() {
            Alert alert = Events.alert();

            assertThatExceptionOfType(UnsupportedOperationException.class)
                    .isThrownBy(() -> alert.relatedTransactionIds().add("t-x"));
            assertThatExceptionOfType(UnsupportedOperationException.class)
                    .isThrownBy(() -> alert.reasons().clear());
        }

        @Test
        void rejectsANullElementNamingItsIndex() {
            assertThatExceptionOfType(InvalidEventException.class)
                    .isThrownBy(() -> alert(Arrays.asList("t-5", null), List.of(Events.reason())))
                    .withMessage("relatedTransactionIds[1]: required");
            assertThatExceptionOfType(InvalidEventException.class)
                    .isThrownBy(() -> alert(List.of(), Arrays.asList((Alert.Reason) null)))
                    .withMessage("reasons[0]: required");
        }

        @Test
        void rejectsAnAlertWithoutReasons() {
            assertThatExceptionOfType(InvalidEventException.class)
                    .isThrownBy(() -> alert(List.of(), List.of()))
                    .withMessage("reasons: must not be empty");
        }

        @Test
        void rejectsANonFiniteReasonValue() {
            assertThatExceptionOfType(InvalidEventException.class)
                    .isThrownBy(() -> new Alert.Reason("velocity", "m", Double.NaN, 1))
                    .withMessage("value: must be a finite number, was NaN");
        }

        private Alert alert(List<String> related, List<Alert.Reason> reasons) {
            return new Alert(
                    "a-1",
                    "acct-42",
                    "t-9",
                    related,
                    Events.PAYMENT_TIME,
                    Events.DETECTED_AT,
                    0.5,
                    Alert.Severity.MEDIUM,
                    Alert.Action.FLAG,
                    reasons,
                    "rules-7",
                    false);
        }
    }

    @Nested
    class Verdicts {

        @Test
        void requiresATransactionOrAnAlert() {
            assertThatExceptionOfType(InvalidEventException.class)
                    .isThrownBy(
                            () ->
                                    new Verdict(
                                            "acct-42",
                                            null,
                                            null,
                                            null,
                                            Verdict.Label.FRAUD,
                                            Verdict.Source.ANALYST,
                                            Events.DECIDED_AT,
                                            null))
                    .withMessage(
                            "transactionId: required unless alertId is given (one of the two)");
        }

        @Test
        void namesItsSourceInLowerCaseOnTheWire() {
            assertThat(Verdict.Source.CHARGEBACK.wireName()).isEqualTo("chargeback");
        }
    }

    @Nested
    class DeadLetters {

        @Test
        void copiesThePayloadInAndOut() {
            byte[] original = "{\"amount\":-5}".getBytes(UTF_8);
            DeadLetter deadLetter = deadLetter(original);

            original[0] = 'X';
            deadLetter.payload()[1] = 'Y';

            assertThat(new String(deadLetter.payload(), UTF_8)).isEqualTo("{\"amount\":-5}");
        }

        @Test
        void comparesThePayloadByContent() {
            DeadLetter one = deadLetter("abc".getBytes(UTF_8));
            DeadLetter same = deadLetter("abc".getBytes(UTF_8));
            DeadLetter other = deadLetter("abd".getBytes(UTF_8));

            assertThat(one).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(other);
        }

        @Test
        void showsThePayloadSizeRatherThanItsBytes() {
            assertThat(deadLetter(new byte[1000]).toString())
                    .contains("payload=<1000 bytes>")
                    .contains("sourceTopic=transactions")
                    .hasSizeLessThan(300);
        }

        @Test
        void rejectsANegativeOffset() {
            assertThatExceptionOfType(InvalidEventException.class)
                    .isThrownBy(
                            () ->
                                    new DeadLetter(
                                            "r",
                                            null,
                                            new byte[0],
                                            "transactions",
                                            0,
                                            -1,
                                            Events.REJECTED_AT))
                    .withMessage("sourceOffset: must be >= 0, was -1");
        }

        private DeadLetter deadLetter(byte[] payload) {
            return new DeadLetter(
                    "amount: must be >= 0, was -5",
                    "amount",
                    payload,
                    "transactions",
                    3,
                    1842,
                    Events.REJECTED_AT);
        }
    }
}
