package io.fraudstream.txgen.run;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C (or any JVM shutdown) into a stop request the run loop sees, and holds the shutdown
 * back until the run has flushed its records and printed its summary.
 */
public final class Interruption implements AutoCloseable {

    /** How long a shutdown waits for the run to flush and summarise. */
    private static final long GRACE_SECONDS = 60;

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean requested;

    private Interruption() {
        hook = new Thread(this::stopAndWait, "txgen-shutdown");
    }

    /** Installs the shutdown hook; close it when the run has finished. */
    public static Interruption install() {
        Interruption i = new Interruption();
        Runtime.getRuntime().addShutdownHook(i.hook);
        return i;
    }

    private void stopAndWait() {
        requested = true;
        try {
            finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether a stop was requested. */
    public boolean requested() {
        return requested;
    }

    /** Lets a pending shutdown go ahead; outside one, removes the hook. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook runs and now returns at once.
        }
    }
}
