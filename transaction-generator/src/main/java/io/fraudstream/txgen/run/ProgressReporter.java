package io.fraudstream.txgen.run;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Shows a run's progress on standard error: sent, current rate, errors, elapsed time and the time
 * left. On a terminal one line updates in place twice a second; otherwise (a log, a pipe) a plain
 * line every five seconds.
 */
public final class ProgressReporter implements AutoCloseable {

    /** How progress is shown. */
    public enum Style {
        /** {@link #TERMINAL} when attached to one, else {@link #LINES}. */
        AUTO,
        /** One line updated in place. */
        TERMINAL,
        /** A new line every few seconds. */
        LINES,
        /** Nothing until the summary. */
        OFF
    }

    /** What the run aims for, to compute the time left. */
    public record Target(long records, long nanos, DoubleSupplier inputRead) {}

    private static final long TERMINAL_INTERVAL_MILLIS = 500;
    private static final long LINES_INTERVAL_MILLIS = 5_000;

    private final PrintWriter out;
    private final Style style;
    private final String prefix;
    private final LongSupplier sent;
    private final LongSupplier failed;
    private final LongSupplier elapsedNanos;
    private final Target target;
    private ScheduledExecutorService timer;
    private long lastSent;
    private long lastNanos;

    public ProgressReporter(
            PrintWriter out,
            Style style,
            String prefix,
            LongSupplier sent,
            LongSupplier failed,
            LongSupplier elapsedNanos,
            Target target) {
        this.out = out;
        this.style =
                style == Style.AUTO
                        ? (System.console() != null ? Style.TERMINAL : Style.LINES)
                        : style;
        this.prefix = prefix;
        this.sent = sent;
        this.failed = failed;
        this.elapsedNanos = elapsedNanos;
        this.target = target;
    }

    public void start() {
        if (style == Style.OFF) {
            return;
        }
        long interval = style == Style.TERMINAL ? TERMINAL_INTERVAL_MILLIS : LINES_INTERVAL_MILLIS;
        timer =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "txgen-progress");
                            t.setDaemon(true);
                            return t;
                        });
        timer.scheduleAtFixedRate(this::report, interval, interval, TimeUnit.MILLISECONDS);
    }

    private synchronized void report() {
        long nowSent = sent.getAsLong();
        long nowNanos = elapsedNanos.getAsLong();
        double rate =
                nowNanos > lastNanos ? (nowSent - lastSent) * 1e9 / (nowNanos - lastNanos) : 0;
        lastSent = nowSent;
        lastNanos = nowNanos;
        String line = line(nowSent, rate, failed.getAsLong(), nowNanos, target);
        if (style == Style.TERMINAL) {
            out.print("\r" + prefix + line + "\u001b[K");
        } else {
            out.println(prefix + line);
        }
        out.flush();
    }

    /** {@code sent 150,000 rate 5,000/s errors 0 elapsed 0:30 ETA 0:00}. */
    static String line(long sent, double rate, long errors, long elapsedNanos, Target target) {
        StringBuilder s = new StringBuilder(96);
        s.append(
                String.format(
                        "sent %,d  rate %,.0f/s  errors %,d  elapsed %s",
                        sent, rate, errors, clock(elapsedNanos)));
        long eta = eta(sent, elapsedNanos, target);
        if (eta >= 0) {
            s.append("  ETA ").append(clock(eta));
        }
        return s.toString();
    }

    /** Nanoseconds left, or -1 when the run has no foreseeable end. */
    static long eta(long sent, long elapsedNanos, Target target) {
        long eta = -1;
        if (target.records() != Long.MAX_VALUE && sent > 0) {
            eta = (long) ((target.records() - sent) * (elapsedNanos / (double) sent));
        }
        if (target.nanos() != Long.MAX_VALUE) {
            long left = Math.max(0, target.nanos() - elapsedNanos);
            eta = eta < 0 ? left : Math.min(eta, left);
        }
        double read = target.inputRead() == null ? Double.NaN : target.inputRead().getAsDouble();
        if (eta < 0 && read > 0) {
            eta = (long) (elapsedNanos * (1 - read) / read);
        }
        return eta;
    }

    /** {@code 0:07}, {@code 12:34}, {@code 1:02:03}. */
    static String clock(long nanos) {
        long seconds = Math.max(0, nanos / 1_000_000_000);
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format("%d:%02d:%02d", h, m, s) : String.format("%d:%02d", m, s);
    }

    /** Stops reporting; on a terminal, ends the progress line so the summary starts afresh. */
    @Override
    public synchronized void close() {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer = null;
        if (style == Style.TERMINAL) {
            out.print("\r\u001b[K");
            out.flush();
        }
    }
}
