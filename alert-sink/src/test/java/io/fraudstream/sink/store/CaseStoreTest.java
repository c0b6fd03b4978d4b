package io.fraudstream.sink.store;

import static io.fraudstream.sink.testing.TestAlerts.REVIEWER;
import static io.fraudstream.sink.testing.TestAlerts.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fraudstream.events.Alert;
import io.fraudstream.events.Verdict;
import io.fraudstream.events.VerdictCodec;
import io.fraudstream.sink.testing.Dialect;
import io.fraudstream.sink.testing.TestAlerts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Cases on SQLite and PostgreSQL: grouping at the window's edges, the queue, resolution with one
 * verdict per alert, and the cardholder's answers through single-use tokens.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Dialect.class)
class CaseStoreTest {

    private static final Duration WINDOW = Duration.ofMinutes(30);

    @Parameter Dialect dialect;

    @TempDir Path dir;

    private final AtomicReference<Instant> now = new AtomicReference<>(T0.plusSeconds(60));
    private final Clock clock =
            new Clock() {
                @Override
                public java.time.ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now.get();
                }
            };

    private Database database;
    private AlertStore alerts;
    private CaseStore cases;
    private final List<PlannedNotification> planned = new ArrayList<>();

    @BeforeEach
    void open() {
        database = Database.open(dialect.newDatabase(dir), 2);
        alerts = new AlertStore(database, clock, new CasePolicy(WINDOW));
        cases = new CaseStore(database, clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    /** An alert of the account whose transaction happened at {@code T0 + minutes}. */
    private static Alert alert(String id, String account, double minutes, double score) {
        Alert base =
                TestAlerts.alert(
                        id,
                        account,
                        Alert.Action.FLAG,
                        Alert.Severity.HIGH,
                        T0.plusMillis(Math.round(minutes * 60_000)).plusSeconds(2),
                        "velocity");
        return new Alert(
                base.alertId(),
                base.accountId(),
                base.transactionId(),
                base.relatedTransactionIds(),
                base.eventTime(),
                base.detectedAt(),
                score,
                base.severity(),
                base.action(),
                base.reasons(),
                base.ruleVersion(),
                false,
                base.terminalId(),
                base.merchantId(),
                new java.math.BigDecimal("42.50"),
                "EUR");
    }

    private void store(Alert... batch) {
        List<IncomingAlert> incoming = new ArrayList<>();
        for (int i = 0; i < batch.length; i++) {
            incoming.add(IncomingAlert.of(batch[i], "fraud-alerts", 0, i));
        }
        alerts.storeBatch(
                incoming,
                List.of(),
                a ->
                        planned.stream()
                                .filter(p -> p.token().alertId().equals(a.alertId()))
                                .toList());
    }

    private String caseOf(String alertId) {
        return alerts.get(alertId).orElseThrow().caseId();
    }

    @Test
    void alertsOfAnAccountWithinTheWindowShareACaseAndOneOutsideItOpensAnother() {
        store(alert("a-1", "acct-1", 0, 0.5));
        store(alert("a-2", "acct-1", 30, 0.9)); // exactly the window after a-1: joins
        store(alert("a-3", "acct-1", 60, 0.6)); // the window after a-2 (the case's last): joins
        store(alert("a-4", "acct-1", 90 + 1 / 60_000.0, 0.6)); // 30 min and 1 ms after a-3
        store(alert("b-1", "acct-2", 10, 0.7)); // another account never joins

        assertThat(caseOf("a-1")).isEqualTo("case-a-1");
        assertThat(caseOf("a-2")).isEqualTo("case-a-1");
        assertThat(caseOf("a-3")).isEqualTo("case-a-1");
        assertThat(caseOf("a-4")).isEqualTo("case-a-4");
        assertThat(caseOf("b-1")).isEqualTo("case-b-1");
        StoredCase first = cases.get("case-a-1").orElseThrow();
        assertThat(first.alertCount()).isEqualTo(3);
        assertThat(first.maxScore()).isEqualTo(0.9);
        assertThat(first.status()).isEqualTo(CaseStatus.OPEN);
        assertThat(cases.alertIds("case-a-1")).containsExactly("a-1", "a-2", "a-3");
    }

    @Test
    void oneBatchGroupsItsAlertsExactlyAsOneAlertAtATimeDoes() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        List<Alert> arriving = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            // five accounts, transactions over ten hours, arriving up to 40 minutes out of order
            double minutes = i * 2 + random.nextDouble(-40, 40);
            arriving.add(
                    alert("x-" + i, "acct-" + random.nextInt(5), minutes, random.nextDouble()));
        }
        arriving.add(arriving.get(17)); // a copy an at-least-once sink sent again

        store(arriving.toArray(Alert[]::new));
        java.util.Map<String, String> batched = new java.util.TreeMap<>();
        for (Alert a : arriving) {
            batched.put(a.alertId(), caseOf(a.alertId()));
        }
        database.close();
        database = Database.open(dialect.newDatabase(dir.resolve("one-by-one")), 2);
        alerts = new AlertStore(database, clock, new CasePolicy(WINDOW));
        cases = new CaseStore(database, clock);
        for (Alert a : arriving) {
            store(a);
        }
        java.util.Map<String, String> oneByOne = new java.util.TreeMap<>();
        for (Alert a : arriving) {
            oneByOne.put(a.alertId(), caseOf(a.alertId()));
        }

        assertThat(batched).hasSize(300).isEqualTo(oneByOne);
        assertThat(new java.util.HashSet<>(batched.values())).hasSizeGreaterThan(5);
        long counted =
                cases.find(CaseQuery.all(500)).items().stream()
                        .mapToLong(StoredCase::alertCount)
                        .sum();
        assertThat(counted).isEqualTo(300);
    }

    @Test
    void anAlertBeforeTheCaseWithinTheWindowJoinsItAndALaterOneAfterResolutionOpensANewCase() {
        store(alert("a-1", "acct-1", 40, 0.5));
        store(alert("a-0", "acct-1", 10, 0.5)); // late, 30 min before: joins and moves the start
        assertThat(caseOf("a-0")).isEqualTo("case-a-1");
        assertThat(cases.get("case-a-1").orElseThrow().firstEventTime())
                .isEqualTo(T0.plusSeconds(600));

        cases.resolve(
                "case-a-1",
                Verdict.Label.LEGIT,
                null,
                "ann",
                "verdicts",
                this::verdict,
                VerdictCodec.INSTANCE::encode,
                REVIEWER);
        store(alert("a-2", "acct-1", 41, 0.5));

        assertThat(caseOf("a-2")).isEqualTo("case-a-2");
    }

    @Test
    void everyReviewStepIsAuditedWithWhoDidItAndAConflictIsNot() {
        store(alert("a-1", "acct-1", 0, 0.5), alert("b-1", "acct-2", 0, 0.5));
        store(alert("b-2", "acct-2", 1, 0.5));
        Actor ann = new Actor("ann-key", Role.REVIEW);
        Actor bob = new Actor("bob-key", Role.ADMIN);

        alerts.acknowledge("a-1", "ann", ann);
        alerts.acknowledge("a-1", "ann", ann); // a conflict: nothing happened, nothing audited
        alerts.resolve(
                "a-1",
                Verdict.Label.FRAUD,
                null,
                "ann",
                "verdicts",
                this::verdict,
                VerdictCodec.INSTANCE::encode,
                ann);
        cases.assign("case-b-1", "bob", bob);
        cases.note("case-b-1", "bob", "called the cardholder", bob);
        cases.resolve(
                "case-b-1",
                Verdict.Label.LEGIT,
                null,
                "bob",
                "verdicts",
                this::verdict,
                VerdictCodec.INSTANCE::encode,
                bob);

        AuditLog log = new AuditLog(database);
        List<AuditEntry> all = log.find(AuditQuery.all(50)).items();
        assertThat(all)
                .extracting(
                        AuditEntry::actor,
                        e -> e.actorRole().wireName(),
                        AuditEntry::action,
                        AuditEntry::targetId,
                        AuditEntry::detail)
                .containsExactlyInAnyOrder(
                        tuple("ann-key", "review", "alert.ack", "a-1", "analyst=ann"),
                        tuple(
                                "ann-key",
                                "review",
                                "alert.verdict",
                                "a-1",
                                "label=FRAUD analyst=ann"),
                        tuple("bob-key", "admin", "case.assign", "case-b-1", "analyst=bob"),
                        tuple("bob-key", "admin", "case.note", "case-b-1", "analyst=bob"),
                        tuple(
                                "bob-key",
                                "admin",
                                "case.resolve",
                                "case-b-1",
                                "label=LEGIT analyst=bob"));
        assertThat(all).allMatch(e -> e.at().equals(now.get()));
        Page<AuditEntry> bobsPage = log.find(new AuditQuery("bob-key", "case-b-1", 2, 2));
        assertThat(bobsPage.total()).isEqualTo(3);
        assertThat(bobsPage.items()).hasSize(1);
        assertThat(log.find(new AuditQuery("ann-key", null, 10, 0)).total()).isEqualTo(2);
    }

    @Test
    void theQueueIsEscalatedFirstThenRiskiestAndFiltersByAccountAndStatus() {
        store(alert("a-1", "acct-1", 0, 0.5));
        store(alert("b-1", "acct-2", 0, 0.95));
        store(alert("c-1", "acct-3", 0, 0.7));
        cases.assign("case-c-1", "ann", REVIEWER);

        Page<StoredCase> all = cases.find(CaseQuery.all(10));
        Page<StoredCase> open =
                cases.find(new CaseQuery(Set.of(CaseStatus.OPEN), null, false, 10, 0));
        Page<StoredCase> ofAccount = cases.find(new CaseQuery(Set.of(), "acct-1", false, 10, 0));
        Page<StoredCase> second = cases.find(new CaseQuery(Set.of(), null, false, 1, 1));

        assertThat(all.items())
                .extracting(StoredCase::caseId)
                .containsExactly("case-b-1", "case-c-1", "case-a-1");
        assertThat(open.items())
                .extracting(StoredCase::caseId)
                .containsExactly("case-b-1", "case-a-1");
        assertThat(ofAccount.items()).extracting(StoredCase::caseId).containsExactly("case-a-1");
        assertThat(second.items()).extracting(StoredCase::caseId).containsExactly("case-c-1");
        assertThat(second.total()).isEqualTo(3);
        assertThat(cases.get("case-c-1").orElseThrow().status()).isEqualTo(CaseStatus.IN_REVIEW);
        assertThat(cases.get("case-c-1").orElseThrow().assignee()).isEqualTo("ann");
    }

    @Test
    void resolvingACaseResolvesItsOpenAlertsAndQueuesOneVerdictPerTransaction() {
        store(alert("a-1", "acct-1", 0, 0.5));
        store(alert("a-2", "acct-1", 5, 0.5));
        store(alert("a-3", "acct-1", 9, 0.5));
        // one alert was already decided on its own: it keeps its verdict, and gets no second one
        alerts.resolve(
                "a-3",
                Verdict.Label.FRAUD,
                null,
                "bob",
                "verdicts",
                (a, at) -> verdict(a, at),
                VerdictCodec.INSTANCE::encode,
                REVIEWER);

        CaseTransition result =
                cases.resolve(
                        "case-a-1",
                        Verdict.Label.FRAUD,
                        "card stolen",
                        "ann",
                        "verdicts",
                        this::verdict,
                        VerdictCodec.INSTANCE::encode,
                        REVIEWER);
        CaseTransition again =
                cases.resolve(
                        "case-a-1",
                        Verdict.Label.LEGIT,
                        null,
                        "ann",
                        "verdicts",
                        this::verdict,
                        VerdictCodec.INSTANCE::encode,
                        REVIEWER);

        assertThat(result.outcome()).isEqualTo(Transition.Outcome.DONE);
        assertThat(result.aCase().status()).isEqualTo(CaseStatus.RESOLVED);
        assertThat(result.aCase().resolution()).isEqualTo(Verdict.Label.FRAUD);
        assertThat(result.aCase().resolvedBy()).isEqualTo("ann");
        assertThat(again.outcome()).isEqualTo(Transition.Outcome.CONFLICT);
        assertThat(List.of("a-1", "a-2", "a-3"))
                .allSatisfy(
                        id ->
                                assertThat(alerts.get(id).orElseThrow().status())
                                        .isEqualTo(AlertStatus.RESOLVED));
        assertThat(alerts.get("a-1").orElseThrow().resolvedBy()).isEqualTo("ann");
        assertThat(alerts.get("a-3").orElseThrow().resolvedBy()).isEqualTo("bob");
        List<Verdict> queued = queuedVerdicts("verdicts");
        assertThat(queued)
                .extracting(Verdict::transactionId)
                .containsExactlyInAnyOrder("tx-a-1", "tx-a-2", "tx-a-3");
        assertThat(queued).allSatisfy(v -> assertThat(v.label()).isEqualTo(Verdict.Label.FRAUD));
        assertThat(cases.notes("case-a-1"))
                .extracting(CaseNote::text)
                .containsExactly("card stolen");
    }

    @Test
    void notMeEscalatesTheCaseAndQueuesAFraudVerdictFromTheCustomer() {
        planCustomerMessage("tok-1", "a-1", now.get().plus(Duration.ofMinutes(15)));
        store(alert("a-1", "acct-1", 0, 0.5));
        store(alert("b-1", "acct-2", 0, 0.9));
        assertThat(cases.get("case-a-1").orElseThrow().awaitingCustomerUntil())
                .isEqualTo(now.get().plus(Duration.ofMinutes(15)));
        // waiting for the cardholder: not yet in the analysts' queue
        assertThat(analystQueue()).containsExactly("case-b-1");

        assertThat(cases.tokenUsable("tok-1", "a-1", "acct-1")).isTrue();
        var answered = answer("tok-1", "a-1", CustomerAnswer.NOT_ME);

        assertThat(answered).isPresent();
        assertThat(answered.get().escalated()).isTrue();
        assertThat(answered.get().customerAnswer()).isEqualTo(CustomerAnswer.NOT_ME);
        assertThat(answered.get().status()).isEqualTo(CaseStatus.OPEN);
        assertThat(analystQueue()).containsExactly("case-a-1", "case-b-1");
        List<Verdict> queued = queuedVerdicts("customer-verdicts");
        assertThat(queued)
                .singleElement()
                .satisfies(
                        v -> {
                            assertThat(v.label()).isEqualTo(Verdict.Label.FRAUD);
                            assertThat(v.source()).isEqualTo(Verdict.Source.CUSTOMER);
                            assertThat(v.transactionId()).isEqualTo("tx-a-1");
                        });
        assertThat(alerts.get("a-1").orElseThrow().status()).isEqualTo(AlertStatus.OPEN);
    }

    @Test
    void meResolvesTheAlertAsLegitAndWithItTheCaseWhenNothingElseIsOpen() {
        planCustomerMessage("tok-1", "a-1", now.get().plus(Duration.ofMinutes(15)));
        store(alert("a-1", "acct-1", 0, 0.5));

        var answered = answer("tok-1", "a-1", CustomerAnswer.ME);

        assertThat(answered.orElseThrow().status()).isEqualTo(CaseStatus.RESOLVED);
        assertThat(answered.get().resolution()).isEqualTo(Verdict.Label.LEGIT);
        assertThat(answered.get().resolvedBy()).isEqualTo(CaseStore.CUSTOMER);
        assertThat(alerts.get("a-1").orElseThrow().resolution()).isEqualTo(Verdict.Label.LEGIT);
        assertThat(queuedVerdicts("customer-verdicts"))
                .singleElement()
                .satisfies(v -> assertThat(v.label()).isEqualTo(Verdict.Label.LEGIT));
    }

    @Test
    void aTokenIsRefusedWhenReusedExpiredOrPresentedForAnotherAlertOrAccount() {
        planCustomerMessage("tok-1", "a-1", now.get().plus(Duration.ofMinutes(15)));
        store(alert("a-1", "acct-1", 0, 0.5));
        planned.clear();
        planCustomerMessage("tok-2", "a-2", now.get().plus(Duration.ofMinutes(15)));
        store(alert("a-2", "acct-2", 0, 0.5));

        assertThat(answer("tok-1", "a-2", CustomerAnswer.NOT_ME)).as("another alert").isEmpty();
        assertThat(cases.tokenUsable("tok-1", "a-1", "acct-2")).as("another account").isFalse();
        assertThat(answer("tok-9", "a-1", CustomerAnswer.NOT_ME)).as("unknown").isEmpty();
        assertThat(answer("tok-1", "a-1", CustomerAnswer.NOT_ME)).as("first use").isPresent();
        assertThat(answer("tok-1", "a-1", CustomerAnswer.ME)).as("reused").isEmpty();
        assertThat(cases.tokenUsable("tok-1", "a-1", "acct-1")).isFalse();

        now.set(now.get().plus(Duration.ofHours(25))); // past tok-2's expiry
        assertThat(cases.tokenUsable("tok-2", "a-2", "acct-2")).isFalse();
        assertThat(answer("tok-2", "a-2", CustomerAnswer.NOT_ME)).as("expired").isEmpty();
        assertThat(queuedVerdicts("customer-verdicts")).hasSize(1);
    }

    @Test
    void notMeAfterTheCaseWasResolvedReopensItEscalatedAndReportsTheFraud() {
        planCustomerMessage("tok-1", "a-1", now.get().plus(Duration.ofMinutes(15)));
        store(alert("a-1", "acct-1", 0, 0.5));
        cases.resolve(
                "case-a-1",
                Verdict.Label.LEGIT,
                null,
                "ann",
                "verdicts",
                this::verdict,
                VerdictCodec.INSTANCE::encode,
                REVIEWER);

        var answered = answer("tok-1", "a-1", CustomerAnswer.NOT_ME);

        assertThat(answered.orElseThrow().status()).isEqualTo(CaseStatus.OPEN);
        assertThat(answered.get().escalated()).isTrue();
        assertThat(answered.get().resolution()).isNull();
        assertThat(analystQueue()).containsExactly("case-a-1");
        assertThat(queuedVerdicts("customer-verdicts"))
                .singleElement()
                .satisfies(v -> assertThat(v.label()).isEqualTo(Verdict.Label.FRAUD));
    }

    @Test
    void meAfterAnAnalystDecidedFraudQueuesNoContradictingVerdict() {
        planCustomerMessage("tok-1", "a-1", now.get().plus(Duration.ofMinutes(15)));
        store(alert("a-1", "acct-1", 0, 0.5));
        alerts.resolve(
                "a-1",
                Verdict.Label.FRAUD,
                null,
                "bob",
                "verdicts",
                (a, at) -> verdict(a, at),
                VerdictCodec.INSTANCE::encode,
                REVIEWER);

        var answered = answer("tok-1", "a-1", CustomerAnswer.ME);

        assertThat(answered.orElseThrow().customerAnswer()).isEqualTo(CustomerAnswer.ME);
        assertThat(answered.get().resolution()).isEqualTo(Verdict.Label.FRAUD);
        assertThat(alerts.get("a-1").orElseThrow().resolution()).isEqualTo(Verdict.Label.FRAUD);
        assertThat(queuedVerdicts("customer-verdicts")).isEmpty();
    }

    @Test
    void aCaseNoOneAnsweredForGoesToTheAnalystsQueueWhenTheWaitIsOver() {
        planCustomerMessage("tok-1", "a-1", now.get().plus(Duration.ofMinutes(15)));
        store(alert("a-1", "acct-1", 0, 0.5));
        assertThat(analystQueue()).isEmpty();

        now.set(now.get().plus(Duration.ofMinutes(15)));

        assertThat(analystQueue()).containsExactly("case-a-1");
    }

    private List<String> analystQueue() {
        return cases.find(new CaseQuery(Set.of(), null, true, 10, 0)).items().stream()
                .map(StoredCase::caseId)
                .toList();
    }

    private void planCustomerMessage(String tokenId, String alertId, Instant answerBy) {
        planned.add(
                new PlannedNotification(
                        "customer",
                        NotificationState.PENDING,
                        null,
                        "{\"message\":\"was it you?\"}",
                        new ResponseToken(
                                tokenId,
                                alertId,
                                alertId.startsWith("a") ? "acct-1" : "acct-2",
                                now.get().plus(Duration.ofHours(24)),
                                answerBy)));
    }

    private java.util.Optional<StoredCase> answer(
            String tokenId, String alertId, CustomerAnswer answer) {
        String account = alerts.get(alertId).map(StoredAlert::accountId).orElse("acct-1");
        return cases.answer(
                tokenId,
                alertId,
                account,
                answer,
                "customer-verdicts",
                (a, label, at) -> verdict(a, label, at, Verdict.Source.CUSTOMER),
                VerdictCodec.INSTANCE::encode);
    }

    private Verdict verdict(StoredAlert a, Instant at) {
        return verdict(a, Verdict.Label.FRAUD, at, Verdict.Source.ANALYST);
    }

    private Verdict verdict(StoredAlert a, Verdict.Label label, Instant at, Verdict.Source source) {
        return new Verdict(
                a.accountId(),
                a.transactionId(),
                a.alertId(),
                null,
                label,
                source,
                at,
                null,
                null,
                a.eventTime());
    }

    /** The verdicts queued in the outbox on a channel. */
    private List<Verdict> queuedVerdicts(String channel) {
        return database.read(
                c -> {
                    List<Verdict> out = new ArrayList<>();
                    try (var s =
                            c.prepareStatement(
                                    "SELECT payload FROM notifications WHERE channel = ?"
                                            + " ORDER BY alert_id")) {
                        s.setString(1, channel);
                        try (var rs = s.executeQuery()) {
                            while (rs.next()) {
                                out.add(
                                        VerdictCodec.INSTANCE.decode(
                                                rs.getString(1).getBytes(StandardCharsets.UTF_8)));
                            }
                        }
                    }
                    return out;
                });
    }
}
