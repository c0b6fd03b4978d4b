package io.fraudstream.txgen.score;

import io.fraudstream.txgen.score.RecordInput.SourceRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * A file of one JSON object per line ({@code .gz} files are decompressed). Lines are split on
 * {@code \n} with a trailing {@code \r} dropped, as bytes, so the codecs see the exact input and
 * reject invalid UTF-8 themselves; blank lines are skipped but still counted for line numbers.
 */
public final class JsonLinesInput implements RecordInput {

    private static final int BUFFER_BYTES = 1 << 16;

    private final Path path;

    public JsonLinesInput(Path path) {
        this.path = path;
    }

    @Override
    public String description() {
        return "file " + path;
    }

    @Override
    public void forEach(Consumer<SourceRecord> handler) {
        try (InputStream in = open()) {
            byte[] buf = new byte[BUFFER_BYTES];
            int length = 0;
            int scanned = 0;
            long line = 0;
            int n;
            while ((n = in.read(buf, length, buf.length - length)) != -1) {
                length += n;
                int start = 0;
                for (int i = scanned; i < length; i++) {
                    if (buf[i] == '\n') {
                        emit(buf, start, i, ++line, handler);
                        start = i + 1;
                    }
                }
                System.arraycopy(buf, start, buf, 0, length - start);
                length -= start;
                scanned = length;
                if (length == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
            }
            if (length > 0) {
                emit(buf, 0, length, ++line, handler);
            }
        } catch (NoSuchFileException e) {
            throw new ScoreException("cannot read " + description() + ": no such file");
        } catch (IOException e) {
            throw new ScoreException("cannot read " + description() + ": " + e, e);
        }
    }

    private InputStream open() throws IOException {
        InputStream in = Files.newInputStream(path);
        return path.getFileName().toString().endsWith(".gz")
                ? new GZIPInputStream(in, BUFFER_BYTES)
                : in;
    }

    private static void emit(
            byte[] buf, int start, int end, long line, Consumer<SourceRecord> handler) {
        if (end > start && buf[end - 1] == '\r') {
            end--;
        }
        if (isBlank(buf, start, end)) {
            return;
        }
        handler.accept(new SourceRecord(Arrays.copyOfRange(buf, start, end), -1, line, -1, null));
    }

    private static boolean isBlank(byte[] buf, int start, int end) {
        for (int i = start; i < end; i++) {
            byte b = buf[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
