package io.fraudstream.sink.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fraudstream.sink.store.CaseNote;
import io.fraudstream.sink.store.Notification;
import io.fraudstream.sink.store.StoredAlert;
import io.fraudstream.sink.store.StoredCase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON shapes of cases: in the queue, and in detail with alerts, notes and notifications. */
final class CaseJson {

    private final ObjectMapper mapper;

    CaseJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode summary(StoredCase c, Instant now) {
        ObjectNode node = mapper.createObjectNode();
        node.put("caseId", c.caseId());
        node.put("accountId", c.accountId());
        node.put("status", c.status().name());
        node.put(
                "queue",
                c.inAnalystQueue(now)
                        ? "analyst"
                        : c.status().name().equals("RESOLVED") ? "none" : "customer");
        node.put("alertCount", c.alertCount());
        node.put("maxScore", c.maxScore());
        node.put("maxSeverity", c.maxSeverity().name());
        node.put("escalated", c.escalated());
        node.put("openedAt", text(c.openedAt()));
        node.put("ageSeconds", Math.max(0, Duration.between(c.openedAt(), now).toSeconds()));
        node.put("updatedAt", text(c.updatedAt()));
        node.put("firstEventTime", text(c.firstEventTime()));
        node.put("lastEventTime", text(c.lastEventTime()));
        node.put("awaitingCustomerUntil", text(c.awaitingCustomerUntil()));
        node.put(
                "customerAnswer",
                c.customerAnswer() == null ? null : c.customerAnswer().wireName());
        node.put("customerAnsweredAt", text(c.customerAnsweredAt()));
        node.put("assignee", c.assignee());
        node.put("assignedAt", text(c.assignedAt()));
        node.put("resolution", c.resolution() == null ? null : c.resolution().name());
        node.put("resolvedBy", c.resolvedBy());
        node.put("resolvedAt", text(c.resolvedAt()));
        return node;
    }

    ObjectNode detail(
            StoredCase c,
            Instant now,
            List<StoredAlert> alerts,
            List<CaseNote> notes,
            Map<String, List<Notification>> notifications,
            AlertJson alertJson) {
        ObjectNode node = summary(c, now);
        ArrayNode ids = node.putArray("alertIds");
        ArrayNode items = node.putArray("alerts");
        for (StoredAlert alert : alerts) {
            ids.add(alert.alertId());
            items.add(alertJson.summary(alert));
        }
        ArrayNode noteNodes = node.putArray("notes");
        for (CaseNote note : notes) {
            ObjectNode n = noteNodes.addObject();
            n.put("author", note.author());
            n.put("text", note.text());
            n.put("createdAt", text(note.createdAt()));
        }
        ArrayNode sent = node.putArray("notifications");
        notifications.forEach(
                (alertId, list) -> {
                    for (Notification n : list) {
                        ObjectNode o = sent.addObject();
                        o.put("alertId", alertId);
                        o.put("channel", n.channel());
                        o.put("state", n.state().name());
                        o.put("attempts", n.attempts());
                        o.put("lastError", n.lastError());
                        o.put("updatedAt", text(n.updatedAt()));
                        o.put("deliveredAt", text(n.deliveredAt()));
                    }
                });
        return node;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
