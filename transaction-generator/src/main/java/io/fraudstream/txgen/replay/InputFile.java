package io.fraudstream.txgen.replay;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * A text input read line by line, gunzipped on the fly when it starts with the gzip magic bytes
 * (whatever its name), with the share of the file read so far for progress.
 */
final class InputFile {

    private static final int BUFFER_BYTES = 1 << 16;

    private InputFile() {}

    /** An open input: its lines and how far into the file they have got. */
    record Opened(BufferedReader lines, CountingStream raw, long size, boolean gzip) {

        double progress() {
            return size == 0 ? 1 : Math.min(1, raw.count / (double) size);
        }
    }

    static Opened open(Path path) throws IOException {
        long size;
        InputStream file;
        try {
            size = Files.size(path);
            file = Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path.toString(), null, "no such file");
        }
        CountingStream raw = new CountingStream(new BufferedInputStream(file, BUFFER_BYTES));
        raw.mark(2);
        int first = raw.read();
        int second = raw.read();
        raw.reset();
        boolean gzip = first == 0x1f && second == 0x8b;
        InputStream text = gzip ? new GZIPInputStream(raw, BUFFER_BYTES) : raw;
        BufferedReader lines =
                new BufferedReader(
                        new InputStreamReader(text, StandardCharsets.UTF_8), BUFFER_BYTES);
        return new Opened(lines, raw, size, gzip);
    }

    /** Counts the bytes read from the file (compressed bytes for a gzip file). */
    static final class CountingStream extends FilterInputStream {
        private long count;
        private long marked;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }

        @Override
        public synchronized void mark(int limit) {
            super.mark(limit);
            marked = count;
        }

        @Override
        public synchronized void reset() throws IOException {
            super.reset();
            count = marked;
        }
    }
}
