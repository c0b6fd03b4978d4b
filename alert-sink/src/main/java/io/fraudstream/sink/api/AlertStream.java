package io.fraudstream.sink.api;

import io.javalin.http.sse.SseClient;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The live stream behind {@code GET /api/stream}: server-sent events to every connected dashboard.
 * Events are sent from one thread of its own, so a slow browser never holds up the ingest loop;
 * when that thread falls far behind, events are dropped (the dashboard reloads its list on the next
 * event anyway). Each client keeps the check of the key it connected with: at every ping (and at
 * once after a revocation through the API) a client whose key no longer works is disconnected, so
 * revoking a key also ends its open streams.
 */
final class AlertStream implements AutoCloseable {

    /** Events queued for sending before new ones are dropped. */
    private static final int QUEUE = 10_000;

    /** Keeps proxies and browsers from closing an idle stream. */
    private static final long PING_SECONDS = 15;

    private final Map<SseClient, BooleanSupplier> clients = new ConcurrentHashMap<>();
    private final AtomicInteger clientCount;
    private final ThreadPoolExecutor sender;
    private final ScheduledExecutorService pinger;

    AlertStream(AtomicInteger clientCount) {
        this.clientCount = clientCount;
        this.sender =
                new ThreadPoolExecutor(
                        1,
                        1,
                        0,
                        TimeUnit.MILLISECONDS,
                        new ArrayBlockingQueue<>(QUEUE),
                        r -> daemon(r, "alert-sink-stream"),
                        new ThreadPoolExecutor.DiscardPolicy());
        this.pinger =
                Executors.newSingleThreadScheduledExecutor(
                        r -> daemon(r, "alert-sink-stream-ping"));
        pinger.scheduleAtFixedRate(
                () ->
                        sender.execute(
                                () -> {
                                    dropRevoked();
                                    clients.keySet().forEach(c -> send(c, null, "ping"));
                                }),
                PING_SECONDS,
                PING_SECONDS,
                TimeUnit.SECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Registers a new client; called on the request thread, which it releases.
     *
     * @param keyValid whether the key the client connected with still works
     */
    void connect(SseClient client, BooleanSupplier keyValid) {
        client.keepAlive();
        client.onClose(
                () -> {
                    if (clients.remove(client) != null) {
                        clientCount.decrementAndGet();
                    }
                });
        clients.put(client, keyValid);
        clientCount.incrementAndGet();
        sender.execute(() -> send(client, "hello", "{}"));
    }

    /** Sends an event with a JSON payload to every client. */
    void publish(String event, String json) {
        sender.execute(() -> clients.keySet().forEach(c -> send(c, event, json)));
    }

    /** Disconnects, soon, the clients whose key no longer works (after a revocation). */
    void checkKeys() {
        sender.execute(this::dropRevoked);
    }

    private void dropRevoked() {
        clients.forEach(
                (client, keyValid) -> {
                    if (!keyValid.getAsBoolean()) {
                        client.close();
                    }
                });
    }

    private void send(SseClient client, String event, String data) {
        if (client.terminated()) {
            if (clients.remove(client) != null) {
                clientCount.decrementAndGet();
            }
            return;
        }
        if (event == null) {
            client.sendComment(data);
        } else {
            client.sendEvent(event, data);
        }
    }

    @Override
    public void close() {
        pinger.shutdownNow();
        sender.shutdownNow();
        clients.keySet().forEach(SseClient::close);
        clients.clear();
    }
}
