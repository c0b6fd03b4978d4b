package io.fraudstream.sink.notify;

import io.fraudstream.sink.SinkConfig;
import io.fraudstream.sink.store.DueNotification;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;

/**
 * POSTs the alert JSON to the configured URL with an {@code Idempotency-Key} header (the alert id:
 * delivery is at-least-once, so a receiver dedups on it) and an HMAC-SHA256 signature over the
 * exact body bytes ({@link Signatures}). 2xx is delivered; timeouts, connection errors, 408, 429
 * and 5xx are retried; other statuses fail at once, since repeating the request would not change
 * the answer.
 */
public final class WebhookChannel implements Channel {

    /** The channel's name. */
    public static final String NAME = "webhook";

    /** The header carrying the alert id, for receivers to drop repeated deliveries. */
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private final String name;
    private final SinkConfig.Webhook config;
    private final HttpClient client;

    public WebhookChannel(SinkConfig.Webhook config) {
        this(NAME, config);
    }

    /**
     * A signed HTTP channel under another name: the customer channel posts to a messaging gateway
     * this way.
     */
    public WebhookChannel(String name, SinkConfig.Webhook config) {
        this.name = name;
        this.config = config;
        this.client =
                HttpClient.newBuilder()
                        .connectTimeout(config.connectTimeout())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DeliveryResult deliver(DueNotification notification) {
        HttpRequest request;
        try {
            request =
                    HttpRequest.newBuilder(config.url())
                            .timeout(config.requestTimeout())
                            .header("Content-Type", "application/json")
                            .header("User-Agent", "fraudstream-alert-sink/0.1.0")
                            .header(IDEMPOTENCY_HEADER, notification.alertId())
                            .header(
                                    Signatures.HEADER,
                                    Signatures.sign(config.secret(), notification.body()))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(notification.body()))
                            .build();
        } catch (IllegalArgumentException e) {
            return DeliveryResult.failed("cannot build the request: " + e.getMessage());
        }
        try {
            HttpResponse<Void> response =
                    client.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return DeliveryResult.delivered();
            }
            if (status == 408 || status == 429 || status >= 500) {
                return DeliveryResult.retry("HTTP " + status);
            }
            return DeliveryResult.failed("HTTP " + status + " (not retried)");
        } catch (HttpTimeoutException e) {
            return DeliveryResult.retry("timed out: " + e.getMessage());
        } catch (IOException e) {
            return DeliveryResult.retry("connection failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.retry("interrupted by shutdown");
        }
    }
}
