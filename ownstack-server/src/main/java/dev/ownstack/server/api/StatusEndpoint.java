package dev.ownstack.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.core.config.SourceConfig;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.ingest.events.EventLog;
import dev.ownstack.server.collector.CollectorMetrics;
import dev.ownstack.server.collector.LoaderStatus;
import dev.ownstack.server.collector.LogHealth;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code GET /api/v1/status}: the event sources, the event log and the loader, as JSON. Write keys
 * are counted, never shown.
 */
public final class StatusEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<SourceConfig.Events> sources;
    private final EventLog log;
    private final LoaderStatus loader;
    private final boolean loaderRunsHere;
    private final CollectorMetrics metrics;
    private final LogHealth health;

    public StatusEndpoint(List<SourceConfig.Events> sources, EventLog log, LoaderStatus loader, boolean loaderRunsHere,
                          CollectorMetrics metrics, LogHealth health) {
        this.sources = List.copyOf(sources);
        this.log = log;
        this.loader = loader;
        this.loaderRunsHere = loaderRunsHere;
        this.metrics = metrics;
        this.health = health;
    }

    public void handle(Context context) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode sourceNodes = root.putArray("sources");
        for (SourceConfig.Events source : sources) {
            ObjectNode node = sourceNodes.addObject();
            node.put("name", source.name());
            node.put("writeKeys", source.writeKeys().size());
            ArrayNode origins = node.putArray("allowedOrigins");
            source.allowedOrigins().forEach(origins::add);
            node.put("eventsAccepted", metrics.eventsAccepted(source.name()));
            node.put("eventsRejected", metrics.eventsRejected(source.name()));
        }
        ObjectNode logNode = root.putObject("log");
        logNode.put("id", log.id());
        logNode.put("status", health.failure().isPresent() ? "failing" : "ok");
        health.failure().ifPresent(reason -> logNode.put("reason", reason));
        logNode.put("backlogBytes", loader.backlogBytes());
        ObjectNode loaderNode = root.putObject("loader");
        loaderNode.put("running", loaderRunsHere);
        loaderNode.put("eventsLoaded", loader.eventsLoaded());
        loader.lastLoadAt().ifPresentOrElse(at -> loaderNode.put("lastLoadAt", at.toString()), () -> loaderNode.putNull("lastLoadAt"));
        loader.lastError().ifPresentOrElse(error -> loaderNode.put("lastError", error), () -> loaderNode.putNull("lastError"));
        ObjectNode collector = root.putObject("collector");
        collector.put("eventsAccepted", metrics.eventsAccepted());
        collector.put("eventsRejected", metrics.eventsRejected());
        try {
            context.contentType("application/json").result(JSON.writeValueAsBytes(root));
        } catch (JsonProcessingException e) {
            throw new OwnstackException(ErrorCode.INTERNAL, "cannot write the status: " + e.getMessage(), e);
        }
    }
}
