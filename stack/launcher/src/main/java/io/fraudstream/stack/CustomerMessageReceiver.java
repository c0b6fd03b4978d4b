package io.fraudstream.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The demo's stand-in for a messaging gateway: a local HTTP server the alert-sink's customer
 * channel POSTs cardholder messages to. It prints each message and its answer link, so the person
 * running the demo can open the link, answer "not me" and watch the case and the verdict move.
 */
final class CustomerMessageReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final PrintStream out;

    CustomerMessageReceiver(PrintStream out) {
        this.out = out;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the demo's message receiver", e);
        }
        server.createContext("/messages", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Where the alert-sink sends customer messages. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/messages";
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        int status = 200;
        try {
            JsonNode message = JSON.readTree(body);
            synchronized (out) {
                out.println(
                        "  message to cardholder "
                                + message.path("accountId").asText()
                                + ": "
                                + message.path("message").asText());
            }
        } catch (IOException e) {
            status = 400;
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
