package io.fraudstream.txgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line: help, usage errors (exit 2) and failures (exit 1) say what is wrong. */
class TxgenCliTest {

    @TempDir Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"generate", "replay"})
    void everyCommandExplainsItselfWithHelp(String command) {
        Txgen.Result result = Txgen.run(command, "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("Usage: txgen " + command)
                .contains("--out=FILE")
                .contains("--bootstrap-servers")
                .contains("--labels=FILE")
                .contains("--labels-topic")
                .contains("--producer-property")
                .contains("Default:");
    }

    @Test
    void rootHelpListsTheCommands() {
        Txgen.Result result = Txgen.run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("generate").contains("replay").contains("score");
    }

    @Test
    void generateHelpShowsTheFraudOptionsWithDefaults() {
        String help = Txgen.run("generate", "--help").out();

        assertThat(help)
                .contains("--rate=PER_SECOND")
                .contains("--count=N")
                .contains("--duration=DURATION")
                .contains("--fraud-rate=SHARE")
                .contains("Default: 0.005")
                .contains("--scenarios=LIST")
                .contains("--bad-rate=SHARE")
                .contains("--seed=N")
                .contains("--clock=CLOCK");
    }

    @Test
    void replayHelpShowsTheMappingAndVerdictOptions() {
        String help = Txgen.run("replay", "--help").out();

        assertThat(help)
                .contains("FILE")
                .contains("--speed=FACTOR")
                .contains("--on-error=POLICY")
                .contains("--column=FIELD=COLUMN")
                .contains("--verdicts-delay=DURATION")
                .contains("--verdicts-topic=NAME")
                .contains("--verdicts-out=FILE");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "generate --rate fast",
                "generate --count -5",
                "generate --duration soon",
                "generate --fraud-rate 0.9",
                "generate --scenarios card-testing,phishing",
                "generate --clock martian",
                "generate --rate 100 --speed 60",
                "generate --no-such-option",
                "generate --out x.jsonl --topic t",
                "generate --out x.jsonl --labels-topic labels",
                "generate --labels-all",
                "generate --currency EURO --out x.jsonl",
                "replay",
                "replay data.csv --on-error ignore",
                "replay data.csv --speed slow",
                "replay data.csv --column colour=C",
                "replay data.csv --out x.jsonl --verdicts-delay 7d",
                "replay data.csv --verdicts-out v.jsonl"
            })
    void badArgumentsAreUsageErrorsWithExitCode2(String args) {
        Txgen.Result result = Txgen.run(args.split(" "));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.err()).contains("Usage: txgen");
    }

    @Test
    void aUsageErrorSaysWhatWasWrong() {
        Txgen.Result result = Txgen.run("generate", "--fraud-rate", "0.9");

        assertThat(result.err()).startsWith("--fraud-rate must be in [0, 0.5], was 0.9");
    }

    @Test
    void aMissingInputFileFailsWithExitCode1() {
        Txgen.Result result =
                Txgen.run(
                        "replay",
                        dir.resolve("absent.csv").toString(),
                        "--out",
                        dir.resolve("o").toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("no such file").contains("absent.csv");
    }

    @Test
    void anUnreachableBrokerFailsWithExitCode1AndAHint() {
        Txgen.Result result =
                Txgen.run(
                        "generate",
                        "--bootstrap-servers",
                        "127.0.0.1:1",
                        "--kafka-timeout",
                        "2s",
                        "--count",
                        "10",
                        "--progress",
                        "off");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .contains("cannot reach Kafka at 127.0.0.1:1")
                .contains("bin/fraudstream stack up");
    }

    @Test
    void anUnwritableOutputFailsWithExitCode1() {
        Txgen.Result result =
                Txgen.run(
                        "generate",
                        "--out",
                        dir.resolve("no/such/dir/tx.jsonl").toString(),
                        "--count",
                        "10",
                        "--progress",
                        "off");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("its directory does not exist");
    }
}
