package io.fraudstream.sink.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A real local HTTP server standing in for a webhook receiver: records every request (headers,
 * exact body bytes, arrival time) and answers as the test scripts it, per alert and attempt.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One received request. */
    public record Request(
            String idempotencyKey, String signature, String contentType, byte[] body, long nanos) {}

    /** A status to answer with, or {@link #HANG} to not answer until the receiver closes. */
    public static final int HANG = -1;

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile IntFunction<Integer> script = attempt -> 200;

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    /** The webhook URL. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    /** Answers the {@code n}th attempt (1-based) for an alert with {@code script.apply(n)}. */
    public void respond(IntFunction<Integer> script) {
        this.script = script;
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        requests.add(
                new Request(
                        key,
                        exchange.getRequestHeaders().getFirst("X-Fraudstream-Signature"),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        body,
                        System.nanoTime()));
        int attempt =
                attempts.computeIfAbsent(String.valueOf(key), k -> new AtomicInteger())
                        .incrementAndGet();
        int status = script.apply(attempt);
        if (status == HANG) {
            try {
                closing.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    /** Every request so far, in arrival order. */
    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    /** Requests for one alert, in arrival order. */
    public List<Request> requestsFor(String alertId) {
        return requests.stream().filter(r -> alertId.equals(r.idempotencyKey())).toList();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
