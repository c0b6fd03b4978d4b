package io.fraudstream.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * Feeds each codec hostile input derived from valid encodings and checks the decoding contract: a
 * valid record (which then round-trips) or {@link InvalidEventException}, never anything else.
 *
 * <p>Each try takes generated valid events and derives {@value #INPUTS_PER_TRY} inputs from them
 * with a {@link Random} seeded by jqwik, so a fixed jqwik seed reproduces every input while
 * generation cost is spread over many decodes.
 */
class CodecFuzzTest {

    private static final int INPUTS_PER_TRY = 50;

    @Property(tries = 2_000, seed = "20261126", shrinking = ShrinkingMode.OFF)
    void transactionDecodingReturnsAValidTransactionOrThrowsInvalidEventException(
            @ForAll("transactions") Transaction first,
            @ForAll("transactions") Transaction second,
            @ForAll long seed) {
        fuzz(TransactionCodec.INSTANCE, first, second, seed);
    }

    @Property(tries = 500, seed = "20261127", shrinking = ShrinkingMode.OFF)
    void alertDecodingReturnsAValidAlertOrThrowsInvalidEventException(
            @ForAll("alerts") Alert first, @ForAll("alerts") Alert second, @ForAll long seed) {
        fuzz(AlertCodec.INSTANCE, first, second, seed);
    }

    @Property(tries = 500, seed = "20261128", shrinking = ShrinkingMode.OFF)
    void verdictDecodingReturnsAValidVerdictOrThrowsInvalidEventException(
            @ForAll("verdicts") Verdict first,
            @ForAll("verdicts") Verdict second,
            @ForAll long seed) {
        fuzz(VerdictCodec.INSTANCE, first, second, seed);
    }

    @Property(tries = 500, seed = "20261129", shrinking = ShrinkingMode.OFF)
    void deadLetterDecodingReturnsAValidDeadLetterOrThrowsInvalidEventException(
            @ForAll("deadLetters") DeadLetter first,
            @ForAll("deadLetters") DeadLetter second,
            @ForAll long seed) {
        fuzz(DeadLetterCodec.INSTANCE, first, second, seed);
    }

    @Property(tries = 500, seed = "20261201", shrinking = ShrinkingMode.OFF)
    void scoreDecodingReturnsAValidScoreOrThrowsInvalidEventException(
            @ForAll("scores") TransactionScore first,
            @ForAll("scores") TransactionScore second,
            @ForAll long seed) {
        fuzz(TransactionScoreCodec.INSTANCE, first, second, seed);
    }

    private static <T> void fuzz(EventCodec<T> codec, T first, T second, long seed) {
        Mutator mutator = new Mutator(new Random(seed));
        byte[] valid = codec.encode(first);
        byte[] other = codec.encode(second);
        for (int i = 0; i < INPUTS_PER_TRY; i++) {
            byte[] input = mutator.next(valid, other);
            T decoded;
            try {
                decoded = codec.decode(input);
            } catch (InvalidEventException e) {
                assertThat(e.getMessage())
                        .startsWith(e.field() == null ? "payload: " : e.field() + ": ");
                continue;
            } catch (Throwable t) {
                throw new AssertionError(describe(i, seed, input) + " threw " + t, t);
            }
            // Whatever was accepted must survive the wire unchanged, as any valid record does.
            try {
                byte[] encoded = codec.encode(decoded);
                assertThat(codec.decode(encoded)).isEqualTo(decoded);
                assertThat(codec.encode(codec.decode(encoded))).isEqualTo(encoded);
            } catch (Throwable t) {
                throw new AssertionError(describe(i, seed, input) + " decoded but " + t, t);
            }
        }
    }

    private static String describe(int i, long seed, byte[] input) {
        return "input " + i + " of seed " + seed + " (" + HexFormat.of().formatHex(input) + ")";
    }

    @Provide
    Arbitrary<Transaction> transactions() {
        return EventArbitraries.transactions();
    }

    @Provide
    Arbitrary<Alert> alerts() {
        return EventArbitraries.alerts();
    }

    @Provide
    Arbitrary<Verdict> verdicts() {
        return EventArbitraries.verdicts();
    }

    @Provide
    Arbitrary<TransactionScore> scores() {
        return EventArbitraries.transactionScores();
    }

    @Provide
    Arbitrary<DeadLetter> deadLetters() {
        return EventArbitraries.deadLetters();
    }
}
