package io.fraudstream.sink.customer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fraudstream.events.Alert;
import io.fraudstream.sink.SinkConfig;
import io.fraudstream.sink.store.NotificationState;
import io.fraudstream.sink.store.PlannedNotification;
import io.fraudstream.sink.store.ResponseToken;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The message to the cardholder of an alert, for the messaging gateway: JSON with the alert, the
 * payment (merchant, terminal, amount, time), the text to show and {@code respondUrl}, a link with
 * a fresh single-use response token. The token is stored with the notification, in the transaction
 * that stores the alert.
 */
public final class CustomerMessages {

    /** The channel's name in routes and in the outbox. */
    public static final String CHANNEL = "customer";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ROOT)
                    .withZone(ZoneOffset.UTC);

    private final ResponseTokens tokens;
    private final SinkConfig.Customer config;
    private final Supplier<String> ownAddress;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * @param tokens issues and signs the response tokens
     * @param config the channel's settings
     * @param ownAddress this service's address ({@code http://host:port}), for links when no public
     *     address is configured
     * @param clock the time source of the answer deadline
     */
    public CustomerMessages(
            ResponseTokens tokens,
            SinkConfig.Customer config,
            Supplier<String> ownAddress,
            Clock clock) {
        this.tokens = tokens;
        this.config = config;
        this.ownAddress = ownAddress;
        this.clock = clock;
    }

    /** The customer notification of an alert: pending with its message and token, or suppressed. */
    public PlannedNotification plan(Alert alert, NotificationState state, String note) {
        if (state != NotificationState.PENDING) {
            return new PlannedNotification(CHANNEL, state, note);
        }
        ResponseTokens.Claims claims = tokens.issue(alert.alertId(), alert.accountId());
        String respondUrl = respondUrl(tokens.sign(claims));
        ObjectNode body = mapper.createObjectNode();
        body.put("alertId", alert.alertId());
        body.put("accountId", alert.accountId());
        body.put("transactionId", alert.transactionId());
        body.put("merchantId", alert.merchantId());
        body.put("terminalId", alert.terminalId());
        body.put("amount", alert.amount() == null ? null : alert.amount().toPlainString());
        body.put("currency", alert.currency());
        body.put("time", alert.eventTime().toString());
        body.put("action", alert.action().name());
        body.put("message", text(alert, respondUrl));
        body.put("respondUrl", respondUrl);
        body.put("expiresAt", claims.expiresAt().toString());
        return new PlannedNotification(
                CHANNEL,
                state,
                null,
                body.toString(),
                new ResponseToken(
                        claims.tokenId(),
                        alert.alertId(),
                        alert.accountId(),
                        claims.expiresAt(),
                        clock.instant().plus(config.answerTimeout())));
    }

    private String respondUrl(String token) {
        String base =
                config.respondBaseUrl() == null
                        ? ownAddress.get()
                        : config.respondBaseUrl().toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + "/respond/"
                + token;
    }

    /** The text a phone shows: what happened, and the link. */
    static String text(Alert alert, String respondUrl) {
        StringBuilder text = new StringBuilder("Card alert: a payment");
        if (alert.amount() != null) {
            text.append(" of ").append(alert.amount().toPlainString()).append(' ');
            text.append(alert.currency());
        }
        if (alert.merchantId() != null) {
            text.append(" at ").append(alert.merchantId());
        }
        text.append(" on ").append(TIME.format(alert.eventTime()));
        text.append(alert.action() == Alert.Action.BLOCK ? " was declined" : " was held");
        text.append(". Was it you? Answer here: ").append(respondUrl);
        return text.toString();
    }
}
