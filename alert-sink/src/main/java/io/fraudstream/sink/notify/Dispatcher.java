package io.fraudstream.sink.notify;

import io.fraudstream.sink.SinkConfig;
import io.fraudstream.sink.metrics.Metrics;
import io.fraudstream.sink.store.AlertStore;
import io.fraudstream.sink.store.DeliveryUpdate;
import io.fraudstream.sink.store.DueNotification;
import io.fraudstream.sink.store.NotificationState;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works the notification outbox: takes the pending notifications that are due, delivers them on
 * their channels (several at once), and records each outcome: delivered, failed for good, or
 * pending again after a backoff. Started after a restart it resumes every pending row; a delivered
 * row is never picked again. Delivery is at-least-once: a crash between a webhook's acceptance and
 * the recording of it sends that one again, with the same idempotency key.
 */
public final class Dispatcher implements AutoCloseable {

    /** Due notifications taken per round. */
    static final int BATCH = 100;

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final AlertStore store;
    private final Map<String, Channel> channels;
    private final int maxAttempts;
    private final Backoff backoff;
    private final Duration pollInterval;
    private final Clock clock;
    private final Metrics metrics;
    private final ExecutorService workers;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signal = lock.newCondition();
    private boolean woken;
    private volatile boolean running;
    private Thread thread;

    /**
     * @param store the outbox
     * @param channels the channels by name
     * @param notifications retries, concurrency and poll interval
     * @param backoff the delay between attempts
     * @param clock the time source for due times
     * @param metrics counts attempts
     */
    public Dispatcher(
            AlertStore store,
            Map<String, Channel> channels,
            SinkConfig.Notifications notifications,
            Backoff backoff,
            Clock clock,
            Metrics metrics) {
        this.store = store;
        this.channels = Map.copyOf(channels);
        this.maxAttempts = notifications.retry().maxAttempts();
        this.backoff = backoff;
        this.pollInterval = notifications.pollInterval();
        this.clock = clock;
        this.metrics = metrics;
        AtomicInteger n = new AtomicInteger();
        this.workers =
                Executors.newFixedThreadPool(
                        notifications.concurrency(),
                        r -> {
                            Thread t = new Thread(r, "alert-sink-notify-" + n.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
    }

    /** Starts the dispatcher thread. */
    public void start() {
        running = true;
        thread = new Thread(this::loop, "alert-sink-dispatcher");
        thread.start();
    }

    /** Makes the dispatcher look for due work now (new alerts or verdicts were stored). */
    public void wakeUp() {
        lock.lock();
        try {
            woken = true;
            signal.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (running) {
            try {
                if (runOnce() == BATCH) {
                    continue;
                }
                awaitWork();
            } catch (RuntimeException e) {
                // The database may be briefly unavailable; keep going, the rows wait for us.
                LOG.error(
                        "Notification round failed, retrying in {}: {}",
                        pollInterval,
                        e.toString());
                awaitWork();
            }
        }
    }

    private void awaitWork() {
        long waitMs = pollInterval.toMillis();
        try {
            var next = store.nextDue();
            if (next.isPresent()) {
                waitMs = Math.max(0, Math.min(waitMs, next.get() - clock.millis()));
            }
        } catch (RuntimeException e) {
            LOG.debug("Cannot read the next due time", e);
        }
        lock.lock();
        try {
            if (!woken && running && waitMs > 0) {
                signal.await(waitMs, TimeUnit.MILLISECONDS);
            }
            woken = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * One round: delivers the due notifications and records the outcomes.
     *
     * @return how many notifications it handled
     */
    private int runOnce() {
        List<DueNotification> due = store.due(clock.millis(), BATCH);
        if (due.isEmpty()) {
            return 0;
        }
        List<Future<DeliveryResult>> results = new ArrayList<>(due.size());
        for (DueNotification notification : due) {
            Channel channel = channels.get(notification.channel());
            results.add(
                    channel == null
                            ? CompletableFuture.completedFuture(
                                    DeliveryResult.failed(
                                            "channel "
                                                    + notification.channel()
                                                    + " is not configured in this process"))
                            : workers.submit(() -> channel.deliver(notification)));
        }
        List<DeliveryUpdate> updates = new ArrayList<>(due.size());
        for (int i = 0; i < due.size(); i++) {
            updates.add(update(due.get(i), outcome(results.get(i))));
        }
        store.recordDeliveries(updates);
        return due.size();
    }

    private static DeliveryResult outcome(Future<DeliveryResult> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            return DeliveryResult.retry("delivery failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.retry("interrupted by shutdown");
        }
    }

    private DeliveryUpdate update(DueNotification n, DeliveryResult result) {
        int attempts = n.attempts() + 1;
        long now = clock.millis();
        switch (result.outcome()) {
            case DELIVERED -> {
                metrics.deliveryAttempt(n.channel(), "delivered");
                return new DeliveryUpdate(
                        n.alertId(), n.channel(), NotificationState.DELIVERED, attempts, null, now);
            }
            case FAILED -> {
                metrics.deliveryAttempt(n.channel(), "failed");
                LOG.warn(
                        "Notification of alert {} on {} failed: {}",
                        n.alertId(),
                        n.channel(),
                        result.error());
                return new DeliveryUpdate(
                        n.alertId(),
                        n.channel(),
                        NotificationState.FAILED,
                        attempts,
                        result.error(),
                        now);
            }
            default -> {
                if (attempts >= maxAttempts) {
                    metrics.deliveryAttempt(n.channel(), "failed");
                    LOG.warn(
                            "Notification of alert {} on {} failed after {} attempts: {}",
                            n.alertId(),
                            n.channel(),
                            attempts,
                            result.error());
                    return new DeliveryUpdate(
                            n.alertId(),
                            n.channel(),
                            NotificationState.FAILED,
                            attempts,
                            "gave up after " + attempts + " attempts: " + result.error(),
                            now);
                }
                metrics.deliveryAttempt(n.channel(), "retry");
                return new DeliveryUpdate(
                        n.alertId(),
                        n.channel(),
                        NotificationState.PENDING,
                        attempts,
                        result.error(),
                        now + backoff.delay(attempts).toMillis());
            }
        }
    }

    /**
     * Stops after the round in flight: its deliveries finish (bounded by the channel timeouts) and
     * their outcomes are recorded, so nothing delivered is forgotten.
     */
    @Override
    public void close() {
        running = false;
        wakeUp();
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(60).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.shutdown();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
