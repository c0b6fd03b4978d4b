package io.fraudstream.sink.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fraudstream.events.Alert;
import io.fraudstream.sink.store.Notification;
import io.fraudstream.sink.store.StatBucket;
import io.fraudstream.sink.store.StoredAlert;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of the API: an alert in a list, an alert in detail, statistics. */
final class AlertJson {

    private final ObjectMapper mapper;

    AlertJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode summary(StoredAlert a) {
        ObjectNode node = mapper.createObjectNode();
        node.put("alertId", a.alertId());
        node.put("accountId", a.accountId());
        node.put("transactionId", a.transactionId());
        node.put("eventTime", text(a.eventTime()));
        node.put("detectedAt", text(a.detectedAt()));
        node.put("score", a.score());
        node.put("severity", a.severity().name());
        node.put("action", a.action().name());
        ArrayNode detectors = node.putArray("detectors");
        a.detectors().forEach(detectors::add);
        node.put("late", a.late());
        node.put("status", a.status().name());
        node.put("acknowledgedBy", a.acknowledgedBy());
        node.put("acknowledgedAt", text(a.acknowledgedAt()));
        node.put("resolution", a.resolution() == null ? null : a.resolution().name());
        node.put("resolutionNote", a.resolutionNote());
        node.put("resolvedBy", a.resolvedBy());
        node.put("resolvedAt", text(a.resolvedAt()));
        node.put("ingestedAt", text(a.ingestedAt()));
        return node;
    }

    ObjectNode detail(StoredAlert a, Alert event, List<Notification> notifications) {
        ObjectNode node = summary(a);
        node.put("ruleVersion", event.ruleVersion());
        node.put("terminalId", event.terminalId());
        node.put("merchantId", event.merchantId());
        ArrayNode related = node.putArray("relatedTransactionIds");
        event.relatedTransactionIds().forEach(related::add);
        ArrayNode reasons = node.putArray("reasons");
        ArrayNode contributions = node.putArray("contributions");
        for (Alert.Reason reason : event.reasons()) {
            if (reason.detector().equals(Alert.Reason.CONTRIBUTION)) {
                ObjectNode c = contributions.addObject();
                c.put("message", reason.message());
                c.put("value", reason.value());
                c.put("weight", reason.threshold());
                continue;
            }
            ObjectNode r = reasons.addObject();
            r.put("detector", reason.detector());
            r.put("message", reason.message());
            r.put("value", reason.value());
            r.put("threshold", reason.threshold());
        }
        ArrayNode deliveries = node.putArray("notifications");
        for (Notification n : notifications) {
            ObjectNode d = deliveries.addObject();
            d.put("channel", n.channel());
            d.put("state", n.state().name());
            d.put("attempts", n.attempts());
            d.put("lastError", n.lastError());
            d.put("nextAttemptAt", text(n.nextAttemptAt()));
            d.put("updatedAt", text(n.updatedAt()));
            d.put("deliveredAt", text(n.deliveredAt()));
        }
        return node;
    }

    ObjectNode stats(Instant from, Instant to, List<StatBucket> buckets) {
        ObjectNode node = mapper.createObjectNode();
        node.put("from", text(from));
        node.put("to", text(to));
        ArrayNode items = node.putArray("buckets");
        for (StatBucket b : buckets) {
            ObjectNode item = items.addObject();
            item.put("minute", text(b.minute()));
            item.put("detector", b.detector());
            item.put("action", b.action().name());
            item.put("count", b.count());
        }
        return node;
    }

    ObjectNode error(String message) {
        ObjectNode node = mapper.createObjectNode();
        node.put("error", message);
        return node;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
