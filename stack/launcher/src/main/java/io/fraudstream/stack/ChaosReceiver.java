package io.fraudstream.stack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The chaos suite's webhook endpoint and customer messaging gateway: one local HTTP server that
 * counts every delivery by path and {@code Idempotency-Key}. For {@code slow-receiver} it
 * misbehaves on purpose: it answers 503 until {@link #release()}, then slowly (past the
 * alert-sink's request timeout) for a while, then normally.
 */
final class ChaosReceiver implements AutoCloseable {

    static final String WEBHOOK = "/webhook";
    static final String CUSTOMER = "/customer";

    /**
     * How it answers: with {@code failUntilReleased}, 503 until {@link #release()}; then, for
     * {@code slowFor}, only after {@code slowness}; then well.
     */
    record Behaviour(boolean failUntilReleased, Duration slowFor, Duration slowness) {
        static final Behaviour WELL = new Behaviour(false, Duration.ZERO, Duration.ZERO);
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final Map<String, Map<String, AtomicLong>> deliveries = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile Behaviour behaviour = Behaviour.WELL;
    private volatile long releasedAtNanos;

    ChaosReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(StackPorts.HOST, 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the chaos suite's receiver", e);
        }
        server.createContext(WEBHOOK, this::handle);
        server.createContext(CUSTOMER, this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url(String path) {
        return "http://" + StackPorts.HOST + ":" + server.getAddress().getPort() + path;
    }

    /** Forgets every delivery and behaves as {@code behaviour} from the next request on. */
    synchronized void reset(Behaviour behaviour) {
        deliveries.clear();
        requests.set(0);
        refused.set(0);
        releasedAtNanos = behaviour.failUntilReleased() ? 0 : System.nanoTime();
        this.behaviour = behaviour;
    }

    /** Ends the failing phase: slow answers from now on for a while, then good ones. */
    void release() {
        releasedAtNanos = System.nanoTime();
    }

    /** Distinct idempotency keys delivered (answered 200) on {@code path}, with their counts. */
    Map<String, AtomicLong> delivered(String path) {
        return deliveries.getOrDefault(path, Map.of());
    }

    Set<String> keys(String path) {
        return delivered(path).keySet();
    }

    long requests() {
        return requests.get();
    }

    /** Requests answered with an error or too late on purpose. */
    long refused() {
        return refused.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
        }
        requests.incrementAndGet();
        Behaviour b = behaviour;
        long released = releasedAtNanos;
        if (released == 0) {
            refused.incrementAndGet();
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
            return;
        }
        boolean slow = System.nanoTime() - released < b.slowFor().toNanos();
        if (slow) {
            refused.incrementAndGet();
            // Past the sender's request timeout: it gives up and retries; this answer is lost.
            LockSupport.parkNanos(b.slowness().toNanos());
        }
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (key == null) {
            exchange.sendResponseHeaders(400, -1);
            exchange.close();
            return;
        }
        if (!slow) {
            deliveries
                    .computeIfAbsent(
                            exchange.getHttpContext().getPath(), p -> new ConcurrentHashMap<>())
                    .computeIfAbsent(key, k -> new AtomicLong())
                    .incrementAndGet();
        }
        try {
            exchange.sendResponseHeaders(200, -1);
        } catch (IOException e) {
            // the sender gave up waiting
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
