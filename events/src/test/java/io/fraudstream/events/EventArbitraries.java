package io.fraudstream.events;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators of valid events: identifiers with any Unicode, amounts of every scale, instants
 * across years 0000 to 9999, and every optional field both present and absent.
 */
final class EventArbitraries {

    private static final List<String> CURRENCIES =
            Currency.getAvailableCurrencies().stream().map(Currency::getCurrencyCode).toList();

    private EventArbitraries() {}

    static Arbitrary<Transaction> transactions() {
        Arbitrary<String[]> merchant =
                Combinators.combine(
                                optional(ids()),
                                optional(ids()),
                                optional(Arbitraries.strings().numeric().ofLength(4)),
                                optional(Arbitraries.of(Locale.getISOCountries())))
                        .as(
                                (merchantId, terminalId, mcc, country) ->
                                        new String[] {merchantId, terminalId, mcc, country});
        Arbitrary<Double[]> location =
                optional(
                        Combinators.combine(coordinates(90), coordinates(180))
                                .as((lat, lon) -> new Double[] {lat, lon}));
        return Combinators.combine(
                        ids(),
                        ids(),
                        instants(),
                        amounts(),
                        Arbitraries.of(CURRENCIES),
                        merchant,
                        location,
                        optional(Arbitraries.of(Transaction.Channel.class)))
                .as(
                        (transactionId, accountId, timestamp, amount, currency, m, loc, channel) ->
                                new Transaction(
                                        transactionId,
                                        accountId,
                                        timestamp,
                                        amount,
                                        currency,
                                        m[0],
                                        m[1],
                                        m[2],
                                        m[3],
                                        loc == null ? null : loc[0],
                                        loc == null ? null : loc[1],
                                        channel));
    }

    static Arbitrary<Alert> alerts() {
        Arbitrary<String[]> ids =
                Combinators.combine(ids(), ids(), ids(), ids())
                        .as(
                                (alertId, accountId, transactionId, ruleVersion) ->
                                        new String[] {
                                            alertId, accountId, transactionId, ruleVersion
                                        });
        Arbitrary<Instant[]> times =
                Combinators.combine(instants(), instants()).as((a, b) -> new Instant[] {a, b});
        return Combinators.combine(
                        ids,
                        mostlyShort(ids(), 0, Alert.MAX_RELATED_TRANSACTIONS),
                        times,
                        scoreValues(),
                        Arbitraries.of(Alert.Severity.class),
                        Arbitraries.of(Alert.Action.class),
                        mostlyShort(reasons(), 1, Alert.MAX_REASONS),
                        Combinators.combine(Arbitraries.of(true, false), entities())
                                .as((late, entity) -> new Object[] {late, entity}))
                .as(
                        (id, related, time, score, severity, action, reasons, rest) -> {
                            String[] entity = (String[]) rest[1];
                            return new Alert(
                                    id[0],
                                    id[1],
                                    id[2],
                                    related,
                                    time[0],
                                    time[1],
                                    score,
                                    severity,
                                    action,
                                    reasons,
                                    id[3],
                                    (Boolean) rest[0],
                                    entity[0],
                                    entity[1]);
                        });
    }

    /** Terminal and merchant ids, each present or absent. */
    static Arbitrary<String[]> entities() {
        return Combinators.combine(optional(ids()), optional(ids()))
                .as((terminal, merchant) -> new String[] {terminal, merchant});
    }

    static Arbitrary<TransactionScore> transactionScores() {
        Arbitrary<String[]> ids =
                Combinators.combine(ids(), ids(), ids())
                        .as((tx, account, model) -> new String[] {tx, account, model});
        Arbitrary<Map<String, Double>> features =
                Arbitraries.maps(ids(), finiteDoubles()).ofMaxSize(12);
        return Combinators.combine(
                        ids,
                        entities(),
                        instants(),
                        scoreValues(),
                        Arbitraries.of(TransactionScore.Decision.class),
                        mostlyShort(contributions(), 0, TransactionScore.MAX_REASONS),
                        Arbitraries.oneOf(Arbitraries.just(Map.<String, Double>of()), features))
                .as(
                        (id, entity, time, score, decision, reasons, values) ->
                                new TransactionScore(
                                        id[0], id[1], entity[0], entity[1], time, score, decision,
                                        id[2], reasons, values));
    }

    static Arbitrary<TransactionScore.Contribution> contributions() {
        return Combinators.combine(
                        ids(),
                        text(TransactionScore.Contribution.MAX_MESSAGE_LENGTH),
                        finiteDoubles(),
                        finiteDoubles())
                .as(TransactionScore.Contribution::new);
    }

    static Arbitrary<Alert.Reason> reasons() {
        return Combinators.combine(
                        ids(),
                        text(Alert.Reason.MAX_MESSAGE_LENGTH),
                        finiteDoubles(),
                        finiteDoubles())
                .as(Alert.Reason::new);
    }

    static Arbitrary<Verdict> verdicts() {
        // 0: both ids, 1: only the transaction, 2: only the alert.
        Arbitrary<String[]> labelled =
                Combinators.combine(ids(), ids(), Arbitraries.integers().between(0, 2))
                        .as(
                                (transactionId, alertId, which) ->
                                        new String[] {
                                            which == 2 ? null : transactionId,
                                            which == 1 ? null : alertId
                                        });
        return Combinators.combine(
                        ids(),
                        labelled,
                        optional(ids()),
                        Arbitraries.of(Verdict.Label.class),
                        Arbitraries.of(Verdict.Source.class),
                        instants(),
                        Combinators.combine(
                                        optional(text(Verdict.MAX_NOTE_LENGTH)),
                                        optional(ids()),
                                        optional(instants()))
                                .as((note, merchant, time) -> new Object[] {note, merchant, time}))
                .as(
                        (accountId, ids, terminalId, label, source, decidedAt, rest) ->
                                new Verdict(
                                        accountId,
                                        ids[0],
                                        ids[1],
                                        terminalId,
                                        label,
                                        source,
                                        decidedAt,
                                        (String) rest[0],
                                        (String) rest[1],
                                        (Instant) rest[2]));
    }

    static Arbitrary<DeadLetter> deadLetters() {
        return Combinators.combine(
                        text(DeadLetter.MAX_REASON_LENGTH),
                        optional(ids()),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(2048),
                        ids(),
                        Arbitraries.integers().greaterOrEqual(0),
                        Arbitraries.longs().greaterOrEqual(0),
                        instants())
                .as(DeadLetter::new);
    }

    static Arbitrary<RuleHit> ruleHits() {
        Arbitrary<double[]> valueAndThreshold =
                Combinators.combine(finiteDoubles(), finiteDoubles())
                        .as((value, threshold) -> new double[] {value, threshold});
        return Combinators.combine(
                        ids(),
                        Arbitraries.integers().greaterOrEqual(1),
                        Arbitraries.of(true, false),
                        ids(),
                        ids(),
                        instants(),
                        valueAndThreshold,
                        ids())
                .as(
                        (ruleId,
                                version,
                                shadow,
                                transactionId,
                                accountId,
                                time,
                                numbers,
                                message) ->
                                new RuleHit(
                                        ruleId,
                                        version,
                                        shadow,
                                        transactionId,
                                        accountId,
                                        time,
                                        numbers[0],
                                        numbers[1],
                                        message));
    }

    static Arbitrary<RuleStatus> ruleStatuses() {
        return Combinators.combine(
                        ids(),
                        Arbitraries.integers().greaterOrEqual(0),
                        Arbitraries.of(RuleStatus.Status.class),
                        text(RuleStatus.MAX_REASON_LENGTH),
                        instants())
                .as(
                        (ruleId, version, status, reason, at) ->
                                new RuleStatus(
                                        ruleId,
                                        version,
                                        status,
                                        status == RuleStatus.Status.REJECTED ? reason : null,
                                        at));
    }

    static Arbitrary<GroundTruth> groundTruths() {
        return Combinators.combine(
                        ids(),
                        ids(),
                        instants(),
                        ids().filter(id -> !id.equals(GroundTruth.GENUINE)).injectNull(0.5),
                        optional(ids()),
                        optional(instants()))
                .as(
                        (transactionId, accountId, timestamp, fraudScenario, terminalId, at) ->
                                new GroundTruth(
                                        transactionId,
                                        accountId,
                                        timestamp,
                                        fraudScenario != null,
                                        fraudScenario != null ? fraudScenario : GroundTruth.GENUINE,
                                        terminalId,
                                        at));
    }

    /**
     * Identifiers: mostly short, sometimes exactly 256 code units; ASCII, Latin, CJK, emoji
     * (surrogate pairs), inner spaces.
     */
    static Arbitrary<String> ids() {
        Arbitrary<Integer> codePoint =
                Arbitraries.frequencyOf(
                        Tuple.of(8, Arbitraries.integers().between('!', '~')),
                        Tuple.of(1, Arbitraries.just((int) ' ')),
                        Tuple.of(2, Arbitraries.integers().between(0xA1, 0x24F)),
                        Tuple.of(1, Arbitraries.integers().between(0x4E00, 0x9FFF)),
                        Tuple.of(1, Arbitraries.integers().between(0x1F300, 0x1FAFF)));
        Arbitrary<String> typical =
                codePoint.list().ofMinSize(1).ofMaxSize(40).map(EventArbitraries::fromCodePoints);
        Arbitrary<String> longest = Arbitraries.strings().alpha().ofLength(Checks.MAX_ID_LENGTH);
        return Arbitraries.frequencyOf(Tuple.of(20, typical), Tuple.of(1, longest))
                .filter(
                        id ->
                                !id.isBlank()
                                        && id.length() <= Checks.MAX_ID_LENGTH
                                        && id.codePoints().noneMatch(Checks::invisible));
    }

    /** Free text: any valid Unicode including line breaks and other control characters. */
    static Arbitrary<String> text(int maxLength) {
        Arbitrary<Integer> codePoint =
                Arbitraries.frequencyOf(
                        Tuple.of(10, Arbitraries.integers().between(' ', '~')),
                        Tuple.of(1, Arbitraries.integers().between(0, 0x1F)),
                        Tuple.of(2, Arbitraries.integers().between(0x80, 0xD7FF)),
                        Tuple.of(1, Arbitraries.integers().between(0xE000, 0x10FFFF)));
        return codePoint
                .list()
                .ofMinSize(1)
                .ofMaxSize(Math.min(maxLength / 2, 200))
                .map(EventArbitraries::fromCodePoints)
                .filter(text -> !text.isBlank());
    }

    /** Amounts >= 0 with 0 to 18 decimal places and at most 20 integer digits. */
    static Arbitrary<BigDecimal> amounts() {
        return Arbitraries.integers()
                .between(0, Transaction.MAX_AMOUNT_SCALE)
                .flatMap(
                        scale -> {
                            BigInteger bound =
                                    BigInteger.TEN.pow(
                                            Transaction.MAX_AMOUNT_INTEGER_DIGITS + scale);
                            Arbitrary<BigInteger> unscaled =
                                    Arbitraries.frequencyOf(
                                            Tuple.of(
                                                    3,
                                                    Arbitraries.bigIntegers()
                                                            .between(
                                                                    BigInteger.ZERO,
                                                                    BigInteger.valueOf(100_000))),
                                            Tuple.of(
                                                    1,
                                                    Arbitraries.bigIntegers()
                                                            .between(
                                                                    BigInteger.ZERO,
                                                                    bound.subtract(
                                                                            BigInteger.ONE))));
                            return unscaled.map(value -> new BigDecimal(value, scale));
                        });
    }

    /**
     * Instants across the whole supported range, with whole-second, milli, micro and nano parts.
     */
    static Arbitrary<Instant> instants() {
        Arbitrary<Long> seconds =
                Arbitraries.frequencyOf(
                        Tuple.of(3, Arbitraries.longs().between(1_700_000_000L, 1_900_000_000L)),
                        Tuple.of(
                                1,
                                Arbitraries.longs()
                                        .between(
                                                Checks.MIN_INSTANT.getEpochSecond(),
                                                Checks.MAX_INSTANT.getEpochSecond())));
        Arbitrary<Integer> nanos =
                Arbitraries.frequencyOf(
                        Tuple.of(1, Arbitraries.just(0)),
                        Tuple.of(
                                2,
                                Arbitraries.integers().between(0, 999).map(ms -> ms * 1_000_000)),
                        Tuple.of(
                                1,
                                Arbitraries.integers().between(0, 999_999).map(us -> us * 1_000)),
                        Tuple.of(1, Arbitraries.integers().between(0, 999_999_999)));
        return Combinators.combine(seconds, nanos).as(Instant::ofEpochSecond);
    }

    /** Scores in [0, 1]: the bounds, a few decimals, and full double precision. */
    static Arbitrary<Double> scoreValues() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.of(0.0, 1.0, -0.0, Double.MIN_VALUE)),
                Tuple.of(3, Arbitraries.doubles().between(0, 1).ofScale(3)),
                Tuple.of(3, Arbitraries.randomValue(random -> random.nextDouble())));
    }

    private static Arbitrary<Double> coordinates(double bound) {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.of(-bound, bound, 0.0, -0.0)),
                Tuple.of(3, Arbitraries.doubles().between(-bound, bound).ofScale(6)),
                Tuple.of(
                        3,
                        Arbitraries.randomValue(random -> (random.nextDouble() * 2 - 1) * bound)));
    }

    /** Any finite double: tiny, huge, negative zero, and random bit patterns. */
    static Arbitrary<Double> finiteDoubles() {
        return Arbitraries.frequencyOf(
                Tuple.of(
                        1,
                        Arbitraries.of(
                                0.0,
                                -0.0,
                                Double.MIN_VALUE,
                                Double.MAX_VALUE,
                                -Double.MAX_VALUE,
                                1e-300)),
                Tuple.of(3, Arbitraries.doubles().between(-1e6, 1e6).ofScale(4)),
                Tuple.of(
                        3,
                        Arbitraries.randomValue(
                                        random -> Double.longBitsToDouble(random.nextLong()))
                                .filter(Double::isFinite)));
    }

    /** Lists of up to {@code max} elements, but mostly of a few: full ones are slow to check. */
    private static <T> Arbitrary<List<T>> mostlyShort(Arbitrary<T> element, int min, int max) {
        return Arbitraries.frequencyOf(
                Tuple.of(9, element.list().ofMinSize(min).ofMaxSize(min + 3)),
                Tuple.of(1, element.list().ofMinSize(min).ofMaxSize(max)));
    }

    private static <T> Arbitrary<T> optional(Arbitrary<T> arbitrary) {
        return arbitrary.injectNull(0.3);
    }

    private static String fromCodePoints(List<Integer> codePoints) {
        StringBuilder text = new StringBuilder();
        codePoints.forEach(text::appendCodePoint);
        return text.toString();
    }
}
