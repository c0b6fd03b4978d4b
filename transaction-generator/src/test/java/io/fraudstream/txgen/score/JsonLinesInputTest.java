package io.fraudstream.txgen.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fraudstream.txgen.score.RecordInput.SourceRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesFileTest {

    @TempDir Path dir;

    @Test
    void skipsBlankLinesButKeepsTheirNumbers() throws IOException {
        Path file =
                Files.writeString(
                        dir.resolve("a.jsonl"), "{\"a\":1}\n\n  \t\r\n{\"b\":2}\r\n{\"c\":3}");

        assertThat(read(file)).containsExactly("1:{\"a\":1}", "4:{\"b\":2}", "5:{\"c\":3}");
    }

    @Test
    void readsLinesLongerThanItsBuffer() throws IOException {
        String longLine = "x".repeat(200_000);
        Path file = Files.writeString(dir.resolve("long.jsonl"), "a\n" + longLine + "\nb\n");

        List<String> lines = read(file);

        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).isEqualTo("2:" + longLine);
        assertThat(lines.get(2)).isEqualTo("3:b");
    }

    @Test
    void decompressesGzipFiles() throws IOException {
        Path file = dir.resolve("a.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("one\ntwo\n".getBytes(StandardCharsets.UTF_8));
        }

        assertThat(read(file)).containsExactly("1:one", "2:two");
    }

    @Test
    void aMissingFileIsAClearError() {
        Path missing = dir.resolve("missing.jsonl");

        assertThatThrownBy(() -> read(missing))
                .isInstanceOf(ScoreException.class)
                .hasMessage("cannot read file " + missing + ": no such file");
    }

    private static List<String> read(Path file) {
        List<String> lines = new ArrayList<>();
        new JsonLinesInput(file)
                .forEach(
                        (SourceRecord r) ->
                                lines.add(
                                        r.offset()
                                                + ":"
                                                + new String(r.value(), StandardCharsets.UTF_8)));
        return lines;
    }
}
