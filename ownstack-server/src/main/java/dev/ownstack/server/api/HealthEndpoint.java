package dev.ownstack.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.server.collector.LogHealth;
import io.javalin.http.Context;

/**
 * {@code GET /health}, without authentication, for load balancers: 200 {@code {"status":"ok"}},
 * or 503 {@code {"status":"failing","reason":...}} while the event log fails to write.
 */
public final class HealthEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LogHealth health;

    public HealthEndpoint(LogHealth health) {
        this.health = health;
    }

    public void handle(Context context) {
        ObjectNode body = JSON.createObjectNode();
        health.failure().ifPresentOrElse(reason -> {
            context.status(503);
            body.put("status", "failing");
            body.put("reason", "the event log fails: " + reason);
        }, () -> body.put("status", "ok"));
        try {
            context.contentType("application/json").result(JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new OwnstackException(ErrorCode.INTERNAL, "cannot write the health: " + e.getMessage(), e);
        }
    }
}
