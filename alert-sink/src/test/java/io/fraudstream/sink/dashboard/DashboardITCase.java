package io.fraudstream.sink.dashboard;

import static io.fraudstream.sink.testing.TestAlerts.alert;
import static io.fraudstream.sink.testing.TestAlerts.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.events.Alert;
import io.fraudstream.events.RuleHit;
import io.fraudstream.events.RuleHitCodec;
import io.fraudstream.events.RuleStatus;
import io.fraudstream.events.RuleStatusCodec;
import io.fraudstream.events.Topic;
import io.fraudstream.events.Verdict;
import io.fraudstream.events.VerdictCodec;
import io.fraudstream.sink.AlertSinkService;
import io.fraudstream.sink.SinkConfig;
import io.fraudstream.sink.keys.ApiKeys;
import io.fraudstream.sink.store.Actor;
import io.fraudstream.sink.store.Database;
import io.fraudstream.sink.store.KeyStore;
import io.fraudstream.sink.store.Role;
import io.fraudstream.sink.testing.TestConfigs;
import io.fraudstream.sink.testing.WebhookReceiver;
import io.fraudstream.testing.KafkaClusterExtension;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}):
 * sign in, watch an alert arrive live, open it, mark it fraud, and see hostile HTML in alert fields
 * shown as text. Saves {@code target/screenshots/dashboard.png}.
 */
class DashboardITCase {

    @RegisterExtension static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOT = Path.of("target", "screenshots", "dashboard.png");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final String HOSTILE_ACCOUNT = "<img src=x onerror=\"window.__xss=1\">";
    private static final String HOSTILE_MESSAGE = "<script>window.__xss=2</script><b>bold</b>";

    @TempDir Path dir;
    @TempDir Path profile;

    private static boolean ruleTopics;

    private String topic;
    private String verdicts;
    private WebhookReceiver gateway;
    private AlertSinkService service;
    private WebDriver driver;
    private WebDriverWait wait;

    @BeforeEach
    void setUp() {
        // CI installs the browser (.ci/run); a missing one is a broken machine, not a skip.
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as(
                        "Chromium is missing: this test needs Debian's chromium and chromium-driver"
                                + " (%s, %s); install them with `apt-get install -y chromium"
                                + " chromium-driver` (.ci/run does)",
                        CHROMIUM, CHROMEDRIVER)
                .isTrue();
        topic = KAFKA.createTopic("alerts", 1);
        if (!ruleTopics) {
            // the service's default rule topics, on this class's broker
            KAFKA.createTopic(Topic.FRAUD_RULES.defaultName(), 1, Map.of());
            KAFKA.createTopic(Topic.FRAUD_RULES_STATUS.defaultName(), 1, Map.of());
            KAFKA.createTopic(Topic.FRAUD_RULE_HITS.defaultName(), 1, Map.of());
            ruleTopics = true;
        }
        verdicts = KAFKA.createTopic("verdicts", 1);
        try {
            gateway = new WebhookReceiver();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        SinkConfig base = TestConfigs.service(KAFKA.bootstrapServers(), topic, verdicts, dir, null);
        service =
                AlertSinkService.start(
                        TestConfigs.withCustomer(
                                base,
                                List.of(
                                        new SinkConfig.Route(
                                                EnumSet.of(Alert.Action.BLOCK),
                                                Alert.Severity.LOW,
                                                List.of("log", "customer")),
                                        new SinkConfig.Route(
                                                EnumSet.of(Alert.Action.FLAG),
                                                Alert.Severity.LOW,
                                                List.of("log"))),
                                new SinkConfig.Customer(
                                        new SinkConfig.Webhook(
                                                gateway.url(),
                                                TestConfigs.SECRET,
                                                Duration.ofSeconds(2),
                                                Duration.ofSeconds(2)),
                                        "dashboard-token-secret-0123",
                                        Duration.ofHours(1),
                                        null,
                                        Duration.ZERO)));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1400,1000",
                "--user-data-dir=" + profile);
        ChromeDriverService driverService =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile())
                        .usingAnyFreePort()
                        .build();
        driver = new ChromeDriver(driverService, options);
        wait = new WebDriverWait(driver, WAIT);
    }

    @AfterEach
    void tearDown() {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    private void signIn() {
        signIn(TestConfigs.TOKEN);
    }

    private void signIn(String key) {
        driver.get("http://127.0.0.1:" + service.port() + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token"))).sendKeys(key);
        driver.findElement(By.id("analyst")).sendKeys("carol");
        driver.findElement(By.id("login-button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("live-status"), "live"));
    }

    private static Alert withScore(Alert a, double score, String merchant, String amount) {
        return new Alert(
                a.alertId(),
                a.accountId(),
                a.transactionId(),
                a.relatedTransactionIds(),
                a.eventTime(),
                a.detectedAt(),
                score,
                a.severity(),
                a.action(),
                a.reasons(),
                a.ruleVersion(),
                false,
                a.terminalId(),
                merchant,
                new java.math.BigDecimal(amount),
                "EUR");
    }

    /** The verdicts on the verdicts topic, once there are {@code n}. */
    private List<Verdict> publishedVerdicts(int n) {
        return org.awaitility.Awaitility.await()
                .atMost(WAIT)
                .until(
                        () ->
                                KAFKA.readAll(verdicts, false).stream()
                                        .map(r -> VerdictCodec.INSTANCE.decode(r.value()))
                                        .toList(),
                        v -> v.size() >= n);
    }

    private By caseRow(String caseId) {
        return By.cssSelector("#cases tr[data-case-id='" + caseId + "']");
    }

    @Test
    void aReadKeyShowsItsRoleAndItsReviewButtonsAreDisabledNamingTheRoleTheyNeed()
            throws Exception {
        String key;
        try (Database database = Database.open("jdbc:sqlite:" + dir.resolve("alerts.db"), 2)) {
            key =
                    new ApiKeys(new KeyStore(database, Clock.systemUTC()), null, Clock.systemUTC())
                            .create("viewer", Role.READ, new Actor("cli:test", Role.ADMIN))
                            .orElseThrow()
                            .key()
                            .text();
        }
        signIn(key);
        produce(
                alert(
                        "ro-1",
                        "acct-ro",
                        Alert.Action.FLAG,
                        Alert.Severity.HIGH,
                        Instant.now(),
                        "velocity"));

        assertThat(driver.findElement(By.id("key-role")).getText()).isEqualTo("key viewer (read)");
        WebElement fraud =
                wait.until(
                        ExpectedConditions.presenceOfElementLocated(
                                By.cssSelector(
                                        "#cases tr[data-case-id='case-ro-1']"
                                                + " button[data-resolution='FRAUD']")));
        assertThat(fraud.isEnabled()).isFalse();
        assertThat(fraud.getAttribute("title")).contains("needs the role review");
        // the alert's own review buttons too, once it is open
        driver.findElement(By.cssSelector("#cases tr[data-case-id='case-ro-1']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("detail"), "ro-1"));
        for (String button : List.of("ack-button", "fraud-button", "legit-button")) {
            assertThat(driver.findElement(By.id(button)).isEnabled()).as(button).isFalse();
            assertThat(driver.findElement(By.id(button)).getAttribute("title"))
                    .as(button)
                    .contains("needs the role review");
        }
        assertThat(KAFKA.readAll(verdicts, false)).isEmpty();
    }

    @Test
    void theCaseQueueShowsTheRiskiestCaseFirstAndOneClickResolvesACaseWithAVerdictPerAlert()
            throws Exception {
        signIn();
        Instant now = Instant.now();
        produce(
                withScore(
                        alert(
                                "q1-a",
                                "acct-q1",
                                Alert.Action.FLAG,
                                Alert.Severity.HIGH,
                                now,
                                "velocity"),
                        0.62,
                        "m-1",
                        "20.00"));
        produce(
                withScore(
                        alert(
                                "q1-b",
                                "acct-q1",
                                Alert.Action.FLAG,
                                Alert.Severity.HIGH,
                                now.plusSeconds(60),
                                "amount"),
                        0.71,
                        "m-1",
                        "35.00"));
        produce(
                withScore(
                        alert(
                                "q2-a",
                                "acct-q2",
                                Alert.Action.FLAG,
                                Alert.Severity.CRITICAL,
                                now,
                                "geo-jump"),
                        0.97,
                        "m-2",
                        "900.00"));

        wait.until(ExpectedConditions.visibilityOfElementLocated(caseRow("case-q1-a")));
        wait.until(ExpectedConditions.visibilityOfElementLocated(caseRow("case-q2-a")));
        wait.until(
                ExpectedConditions.textToBe(
                        By.cssSelector("#cases tr[data-case-id='case-q1-a'] td.case-alerts"), "2"));
        List<String> order =
                driver.findElements(By.cssSelector("#cases tr[data-case-id]")).stream()
                        .map(e -> e.getAttribute("data-case-id"))
                        .toList();
        assertThat(order).containsExactly("case-q2-a", "case-q1-a");
        assertThat(driver.findElement(caseRow("case-q1-a")).getText())
                .contains("acct-q1", "0.71", "HIGH", "OPEN", "no answer");
        Files.createDirectories(SCREENSHOT.getParent());
        Files.copy(
                ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(),
                SCREENSHOT.resolveSibling("case-queue.png"),
                StandardCopyOption.REPLACE_EXISTING);

        // One click: the case is resolved, leaves the queue, and each alert gets its verdict.
        driver.findElement(
                        By.cssSelector(
                                "#cases tr[data-case-id='case-q1-a'] button[data-resolution='FRAUD']"))
                .click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(caseRow("case-q1-a")));
        List<Verdict> published = publishedVerdicts(2);
        assertThat(published)
                .extracting(Verdict::alertId)
                .containsExactlyInAnyOrder("q1-a", "q1-b");
        assertThat(published)
                .allSatisfy(
                        v -> {
                            assertThat(v.label()).isEqualTo(Verdict.Label.FRAUD);
                            assertThat(v.source()).isEqualTo(Verdict.Source.ANALYST);
                        });
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(
                        row("q1-b"), "RESOLVED (FRAUD)"));
    }

    @Test
    void theCardholderAnswersNotMeOnTheResponsePageAndTheMerchantsHtmlStaysText() throws Exception {
        String merchant = "<img src=x onerror=document.title='owned'>Shop";
        produce(
                withScore(
                        alert(
                                "r-1",
                                "acct-r",
                                Alert.Action.BLOCK,
                                Alert.Severity.CRITICAL,
                                Instant.now(),
                                "velocity"),
                        0.93,
                        merchant,
                        "125.40"));
        org.awaitility.Awaitility.await()
                .atMost(WAIT)
                .until(() -> gateway.requestsFor("r-1").size() == 1);
        String respondUrl =
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(gateway.requestsFor("r-1").get(0).body())
                        .path("respondUrl")
                        .asText();

        driver.get(respondUrl);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("not-me")));
        assertThat(driver.findElement(By.id("merchant")).getText()).isEqualTo(merchant);
        assertThat(driver.findElement(By.id("amount")).getText()).isEqualTo("125.40 EUR");
        assertThat(driver.findElements(By.cssSelector("#payment img"))).isEmpty();
        assertThat(driver.getTitle()).isEqualTo("Was this you?");
        Files.createDirectories(SCREENSHOT.getParent());
        Files.copy(
                ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(),
                SCREENSHOT.resolveSibling("respond.png"),
                StandardCopyOption.REPLACE_EXISTING);

        driver.findElement(By.id("not-me")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("done")));
        assertThat(driver.findElement(By.id("done")).getText()).contains("Thank you");

        List<Verdict> published = publishedVerdicts(1);
        assertThat(published)
                .singleElement()
                .satisfies(
                        v -> {
                            assertThat(v.source()).isEqualTo(Verdict.Source.CUSTOMER);
                            assertThat(v.label()).isEqualTo(Verdict.Label.FRAUD);
                            assertThat(v.merchantId()).isEqualTo(merchant);
                        });
        // the case is escalated: an analyst signing in finds it at the top of the queue
        signIn();
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(
                        caseRow("case-r-1"), "said: not me"));
        assertThat(driver.findElement(caseRow("case-r-1")).getAttribute("class"))
                .contains("escalated");

        // the link was single-use: opened again, it is refused
        driver.get(respondUrl);
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(
                        By.id("status"), "not valid any more"));
        assertThat(driver.findElement(By.id("buttons")).isDisplayed()).isFalse();
    }

    private void produce(Alert alert) {
        KAFKA.produce(List.of(record(topic, alert)));
    }

    private By row(String alertId) {
        return By.cssSelector("#alerts tr[data-alert-id='" + alertId + "']");
    }

    private Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    @Test
    void theRulesViewShowsEachRulesModeVersionStatusAndHitsShadowApart() {
        String active =
                "{\"id\":\"terminal-burst\",\"version\":2,\"mode\":\"ACTIVE\","
                        + "\"groupBy\":[\"terminalId\"],\"aggregate\":{\"function\":\"COUNT\"},"
                        + "\"window\":\"10 min\",\"condition\":{\"op\":\">\",\"threshold\":3},"
                        + "\"score\":0.7}";
        KAFKA.produce(rulesTopic(), "terminal-burst", bytes(active));
        KAFKA.produce(
                rulesTopic(),
                "burst-shadow",
                bytes(
                        active.replace("terminal-burst", "burst-shadow")
                                .replace("ACTIVE", "SHADOW")));
        KAFKA.produce(
                rulesTopic(),
                "bad-window",
                bytes(active.replace("terminal-burst", "bad-window").replace("10 min", "banana")));
        Instant now = Instant.now();
        status("terminal-burst", 2, RuleStatus.Status.ACCEPTED, null, now);
        status("burst-shadow", 2, RuleStatus.Status.ACCEPTED, null, now);
        status(
                "bad-window",
                0,
                RuleStatus.Status.REJECTED,
                "window: not a duration: \"banana\" (like 10 min, 2 h, 7 d)",
                now);
        for (int i = 0; i < 2; i++) {
            hit("terminal-burst", false, "t-a" + i, now);
        }
        for (int i = 0; i < 3; i++) {
            hit("burst-shadow", true, "t-s" + i, now);
        }

        driver.get("http://127.0.0.1:" + service.port() + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")))
                .sendKeys(TestConfigs.TOKEN);
        driver.findElement(By.id("analyst")).sendKeys("alice");
        driver.findElement(By.id("login-button")).click();
        By shadowRow = By.cssSelector("#rules tr[data-rule-id='burst-shadow']");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(shadowRow, "SHADOW"));
        wait.until(
                d ->
                        d.findElement(shadowRow)
                                .findElement(By.className("rule-shadow"))
                                .getText()
                                .equals("3"));
        WebElement activeRow =
                driver.findElement(By.cssSelector("#rules tr[data-rule-id='terminal-burst']"));
        wait.until(d -> activeRow.findElement(By.className("rule-hits")).getText().equals("2"));
        assertThat(activeRow.findElement(By.className("rule-mode")).getText()).isEqualTo("ACTIVE");
        assertThat(activeRow.findElement(By.className("rule-version")).getText()).isEqualTo("2");
        assertThat(activeRow.findElement(By.className("rule-status")).getText())
                .isEqualTo("ACCEPTED v2");
        assertThat(activeRow.findElement(By.className("rule-shadow")).getText()).isEqualTo("0");
        assertThat(activeRow.findElement(By.className("rule-hits-minute")).getText())
                .isIn("2", "0"); // 0 only if the minute turned between hit and render
        WebElement shadow = driver.findElement(shadowRow);
        assertThat(shadow.findElement(By.className("rule-hits")).getText()).isEqualTo("0");
        WebElement rejected =
                driver.findElement(By.cssSelector("#rules tr[data-rule-id='bad-window']"));
        assertThat(rejected.findElement(By.className("rule-status")).getText())
                .isEqualTo("REJECTED: window: not a duration: \"banana\" (like 10 min, 2 h, 7 d)");
    }

    private static String rulesTopic() {
        return Topic.FRAUD_RULES.defaultName();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void status(
            String id, int version, RuleStatus.Status status, String reason, Instant at) {
        KAFKA.produce(
                Topic.FRAUD_RULES_STATUS.defaultName(),
                id,
                RuleStatusCodec.INSTANCE.encode(new RuleStatus(id, version, status, reason, at)));
    }

    private static void hit(String id, boolean shadow, String tx, Instant at) {
        KAFKA.produce(
                Topic.FRAUD_RULE_HITS.defaultName(),
                id,
                RuleHitCodec.INSTANCE.encode(
                        new RuleHit(id, 2, shadow, tx, "acct-1", at, 4, 3, "COUNT 4")));
    }

    @Test
    void anAnalystSeesAnAlertArriveLiveAndMarksItFraud() throws Exception {
        driver.get("http://127.0.0.1:" + service.port() + "/");

        // Sign in.
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")))
                .sendKeys(TestConfigs.TOKEN);
        driver.findElement(By.id("analyst")).sendKeys("alice");
        driver.findElement(By.id("login-button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("live-status"), "live"));
        js("window.__sameDocument = true;");

        // An alert arrives while the page is open and shows up without a reload.
        produce(
                alert(
                        "live-1",
                        "acct-42",
                        Alert.Action.BLOCK,
                        Alert.Severity.CRITICAL,
                        Instant.now(),
                        "velocity",
                        "geo-jump"));
        WebElement liveRow =
                wait.until(ExpectedConditions.visibilityOfElementLocated(row("live-1")));
        assertThat(js("return window.__sameDocument === true;")).isEqualTo(true);
        assertThat(liveRow.getText())
                .contains("CRITICAL", "BLOCK", "acct-42", "velocity, geo-jump", "OPEN");

        // Its detail: reasons, related transactions, notification delivery state.
        liveRow.click();
        wait.until(ExpectedConditions.textToBe(By.id("detail-id"), "live-1"));
        assertThat(driver.findElement(By.id("detail-reasons")).getText())
                .contains("velocity", "velocity fired for acct-42", "geo-jump");
        assertThat(driver.findElement(By.id("detail-related")).getText())
                .contains("tx-live-1-a", "tx-live-1-b");
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(
                        By.id("detail-notifications"), "log"));

        // Mark it fraud: the detail and the list both show the new status.
        driver.findElement(By.id("verdict-note")).sendKeys("card reported stolen");
        driver.findElement(By.id("fraud-button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("detail-status"), "RESOLVED (FRAUD)"));
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(
                        row("live-1"), "RESOLVED (FRAUD)"));
        assertThat(driver.findElement(By.id("detail-fields")).getText())
                .contains("alice", "card reported stolen");
        assertThat(driver.findElement(By.id("fraud-button")).isEnabled()).isFalse();

        // A model alert: its terminal and merchant, and the model's top contributions.
        produce(
                new Alert(
                        "model-1",
                        "acct-43",
                        "tx-43",
                        List.of(),
                        Instant.now().minusSeconds(1),
                        Instant.now(),
                        0.91,
                        Alert.Severity.CRITICAL,
                        Alert.Action.BLOCK,
                        List.of(
                                new Alert.Reason(
                                        "model", "model generator-v2 scores 0.91", 0.91, 0.85),
                                new Alert.Reason(
                                        Alert.Reason.CONTRIBUTION,
                                        "terminal term-17: 4 of 9 transactions in the last 7 known"
                                                + " days confirmed fraud",
                                        0.44,
                                        2.31),
                                new Alert.Reason(Alert.Reason.CONTRIBUTION, "by day", 0, -0.12)),
                        "rules-v1",
                        false,
                        "term-17",
                        "m-3"));
        WebElement modelRow =
                wait.until(ExpectedConditions.visibilityOfElementLocated(row("model-1")));
        assertThat(modelRow.getText()).contains("model").doesNotContain("contribution");
        modelRow.click();
        wait.until(ExpectedConditions.textToBe(By.id("detail-id"), "model-1"));
        assertThat(driver.findElement(By.id("detail-fields")).getText()).contains("term-17", "m-3");
        assertThat(driver.findElement(By.id("detail-reasons")).getText())
                .contains("model generator-v2 scores 0.91")
                .doesNotContain("term-17");
        List<WebElement> contributions =
                driver.findElements(By.cssSelector("#detail-contributions tr"));
        assertThat(contributions).hasSize(2);
        assertThat(contributions.get(0).getText())
                .contains("terminal term-17: 4 of 9 transactions", "+2.31");
        assertThat(contributions.get(1).getText()).contains("by day", "-0.12");
        assertThat(driver.findElement(By.id("detail-contributions-none")).isDisplayed()).isFalse();

        // HTML in alert fields renders as text and never runs.
        Alert hostile =
                new Alert(
                        "html-1",
                        HOSTILE_ACCOUNT,
                        "tx-<i>9</i>",
                        List.of("<a href=x>related</a>"),
                        Instant.now().minusSeconds(1),
                        Instant.now(),
                        0.7,
                        Alert.Severity.HIGH,
                        Alert.Action.FLAG,
                        List.of(new Alert.Reason("velocity", HOSTILE_MESSAGE, 9, 5)),
                        "rules-v1",
                        false);
        produce(hostile);
        WebElement hostileRow =
                wait.until(ExpectedConditions.visibilityOfElementLocated(row("html-1")));
        assertThat(hostileRow.findElement(By.cssSelector("td.account")).getText())
                .isEqualTo(HOSTILE_ACCOUNT);
        hostileRow.click();
        wait.until(ExpectedConditions.textToBe(By.id("detail-id"), "html-1"));
        assertThat(driver.findElement(By.cssSelector("#detail-reasons .reason-message")).getText())
                .isEqualTo(HOSTILE_MESSAGE);
        assertThat(driver.findElement(By.id("detail-related")).getText())
                .isEqualTo("<a href=x>related</a>");
        assertThat(driver.findElement(By.id("detail-fields")).getText()).contains("tx-<i>9</i>");
        assertThat(
                        driver.findElements(
                                By.cssSelector(
                                        "#alerts img, #detail img, #detail b, #detail i, #detail a, #app script")))
                .isEmpty();
        assertThat(js("return typeof window.__xss;")).isEqualTo("undefined");

        // A bidi override in free text shows as a visible mark instead of reversing the text.
        produce(
                new Alert(
                        "bidi-1",
                        "acct-7",
                        "tx-7",
                        List.of(),
                        Instant.now().minusSeconds(1),
                        Instant.now(),
                        0.7,
                        Alert.Severity.HIGH,
                        Alert.Action.FLAG,
                        List.of(new Alert.Reason("velocity", "paid \u202eEUR 0001\u202c", 9, 5)),
                        "rules-v1",
                        false));
        wait.until(ExpectedConditions.visibilityOfElementLocated(row("bidi-1"))).click();
        wait.until(ExpectedConditions.textToBe(By.id("detail-id"), "bidi-1"));
        assertThat(driver.findElement(By.cssSelector("#detail-reasons .reason-message")).getText())
                .isEqualTo("paid \u27e6U+202E\u27e7EUR 0001\u27e6U+202C\u27e7");

        screenshot();
    }

    private void screenshot() throws Exception {
        js("window.scrollTo(0, 0); document.getElementById('detail').scrollTop = 0;");
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(SCREENSHOT.getParent());
        Files.copy(shot.toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(SCREENSHOT)).isPositive();
    }
}
