package io.fraudstream.txgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.txgen.Txgen;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code txgen --config FILE}: option defaults in the one YAML dialect, the command line wins. */
class FileDefaultsTest {

    @TempDir Path dir;

    private Path config(String yaml) throws IOException {
        Path file = dir.resolve("txgen.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void aCommandsSectionSetsItsOptionsAndTheCommandLineWins() throws IOException {
        Path out = dir.resolve("tx.jsonl");
        Path file =
                config(
                        "generate:\n"
                                + "  count: 40\n"
                                + "  seed: 7\n"
                                + "  bad-rate: 0\n"
                                + "  progress: \"off\"\n"
                                + "  out: "
                                + out
                                + "\n");

        Txgen.Result fromFile = Txgen.run("--config", file.toString(), "generate");
        assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();
        assertThat(Files.readAllLines(out)).hasSize(40);

        Txgen.Result overridden = Txgen.run("generate", "--count", "12", "--config=" + file);
        assertThat(overridden.exitCode()).as(overridden.err()).isZero();
        assertThat(Files.readAllLines(out)).hasSize(12);
    }

    @Test
    void aKeyThatIsNoOptionOfItsCommandFailsBeforeAnythingRunsNamingIt() throws IOException {
        Txgen.Result result =
                Txgen.run("--config", config("generate:\n  cuont: 5\n").toString(), "generate");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .startsWith("txgen: --config ")
                .contains("generate.cuont: not an option of generate (known: ")
                .contains("count");
    }

    @Test
    void anUnknownCommandACamelCaseKeyAndAListAreRefusedNamingTheKey() throws IOException {
        assertThat(Txgen.run("--config", config("genrate: {}\n").toString(), "generate").err())
                .contains("genrate: not a command (known: generate, replay, score, train");
        assertThat(Txgen.run("--config", config("generate:\n  badRate: 0\n").toString()).err())
                .contains("generate.badRate: keys are kebab-case")
                .contains("such as bad-rate");
        assertThat(
                        Txgen.run(
                                        "--config",
                                        config("generate:\n  count: [1, 2]\n").toString(),
                                        "generate")
                                .err())
                .contains("generate.count: must be a single value");
    }
}
