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
import io.fraudstream.sink.AlertSinkService;
import io.fraudstream.sink.testing.TestConfigs;
import io.fraudstream.testing.KafkaClusterExtension;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
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
        service =
                AlertSinkService.start(
                        TestConfigs.service(
                                KAFKA.bootstrapServers(),
                                topic,
                                KAFKA.createTopic("verdicts", 1),
                                dir,
                                null));
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
