package io.fraudstream.txgen.sink;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * One JSON record per line to a file ({@code .gz} compressed) or to standard output ({@code -}).
 */
final class JsonLinesFile implements Closeable {

    static final String STDOUT = "-";

    private static final int BUFFER_BYTES = 1 << 20;

    private final String name;
    private final OutputStream out;
    private final boolean stdout;

    private JsonLinesFile(String name, OutputStream out, boolean stdout) {
        this.name = name;
        this.out = out;
        this.stdout = stdout;
    }

    static JsonLinesFile open(String name) throws IOException {
        if (STDOUT.equals(name)) {
            return new JsonLinesFile(
                    "standard output", new BufferedOutputStream(System.out, BUFFER_BYTES), true);
        }
        Path path = Path.of(name);
        OutputStream file;
        try {
            file = Files.newOutputStream(path);
        } catch (NoSuchFileException e) {
            throw new IOException(
                    "cannot write " + name + ": its directory does not exist; create it first", e);
        }
        OutputStream out =
                name.endsWith(".gz")
                        ? new GZIPOutputStream(file, BUFFER_BYTES)
                        : new BufferedOutputStream(file, BUFFER_BYTES);
        return new JsonLinesFile(name, out, false);
    }

    void write(byte[] record) throws IOException {
        out.write(record);
        out.write('\n');
    }

    String name() {
        return name;
    }

    void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (stdout) {
            out.flush();
        } else {
            out.close();
        }
    }
}
