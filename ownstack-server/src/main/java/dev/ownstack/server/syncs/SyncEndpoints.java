package dev.ownstack.server.syncs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.activation.destination.SyncRecord;
import dev.ownstack.activation.sync.SyncError;
import dev.ownstack.activation.sync.SyncPreview;
import dev.ownstack.activation.sync.SyncRun;
import dev.ownstack.core.config.syncs.SyncDefinition;
import dev.ownstack.core.config.syncs.SyncSource;
import dev.ownstack.core.config.syncs.SyncTrigger;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.server.api.ApiJson;
import dev.ownstack.server.auth.Guard;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The handlers of {@code /api/syncs} and {@code /api/sync-runs}: the syncs of {@code ownstack.yml}
 * (read-only here) and those saved through the API with their last run; creating, changing and
 * deleting saved ones; running one now (the request answers when the run ended), a preview of
 * what a run would send, run history, rejected records and approval of a run a guardrail stopped.
 */
public final class SyncEndpoints {
    private static final int DEFAULT_RUNS = 20;
    private static final int DEFAULT_ERRORS = 100;
    private static final int DEFAULT_SAMPLE = 10;

    private final ProjectSyncs syncs;
    private final Function<Context, String> actor;

    /** @param actor the name of the caller, recorded with what they save */
    public SyncEndpoints(ProjectSyncs syncs, Function<Context, String> actor) {
        this.syncs = syncs;
        this.actor = actor;
    }

    /** {@code POST /api/syncs}: a body in the shape of one entry of {@code syncs:} with its {@code name}; 201. */
    public void create(Context context) {
        JsonNode body = ApiJson.body(context);
        String name = body.path("name").isTextual() ? body.path("name").asText() : "";
        if (name.isEmpty()) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, "name: required: the new sync's name");
        }
        Guard.detail(context).put("name", name);
        SyncDefinition sync = syncs.saveSync(name, body, true, actor.apply(context));
        context.header("Location", "/api/syncs/" + name);
        ApiJson.write(context, 201, sync(sync, Optional.empty()));
    }

    /** {@code PUT /api/syncs/{name}}: replaces a saved sync's definition. */
    public void update(Context context) {
        SyncDefinition sync = syncs.saveSync(context.pathParam("name"), ApiJson.body(context), false, actor.apply(context));
        Optional<SyncRun> last = syncs.withService(service -> service.runs(sync.name(), 1).stream().findFirst());
        ApiJson.write(context, 200, sync(sync, last));
    }

    /** {@code DELETE /api/syncs/{name}}: 204. */
    public void delete(Context context) {
        syncs.deleteSync(context.pathParam("name"));
        context.status(204);
    }

    /** {@code GET /api/syncs}. */
    public void list(Context context) {
        ObjectNode body = ApiJson.NODES.objectNode();
        ArrayNode list = body.putArray("syncs");
        syncs.withService(service -> {
            for (SyncDefinition sync : syncs.definitions()) {
                list.add(sync(sync, service.runs(sync.name(), 1).stream().findFirst()));
            }
            return list;
        });
        ApiJson.write(context, 200, body);
    }

    /** {@code GET /api/syncs/{name}}. */
    public void get(Context context) {
        SyncDefinition sync = syncs.definition(context.pathParam("name"));
        Optional<SyncRun> last = syncs.withService(service -> service.runs(sync.name(), 1).stream().findFirst());
        ApiJson.write(context, 200, sync(sync, last));
    }

    /** {@code POST /api/syncs/{name}/run?dryRun=true}. */
    public void run(Context context) {
        String name = context.pathParam("name");
        boolean dryRun = bool(context, "dryRun");
        SyncRun run = syncs.run(name, dryRun);
        Guard.detail(context).put("runId", run.runId()).put("status", SyncJson.status(run.status()));
        ApiJson.write(context, 200, SyncJson.run(run));
    }

    /** {@code GET /api/syncs/{name}/preview?sample=10}. */
    public void preview(Context context) {
        String name = syncs.definition(context.pathParam("name")).name();
        int sample = whole(context, "sample", DEFAULT_SAMPLE, 0, 1000);
        SyncPreview preview = syncs.withService(service -> service.preview(name, sample));
        ObjectNode body = ApiJson.NODES.objectNode();
        body.put("sync", preview.sync());
        body.set("planned", SyncJson.planned(preview.counts()));
        preview.guardrail().ifPresentOrElse(text -> body.put("guardrail", text), () -> body.putNull("guardrail"));
        body.set("adds", records(preview.adds()));
        body.set("changes", records(preview.changes()));
        body.set("removes", records(preview.removes()));
        ApiJson.write(context, 200, body);
    }

    /** {@code GET /api/syncs/{name}/runs?limit=20}: newest first. */
    public void runs(Context context) {
        String name = syncs.definition(context.pathParam("name")).name();
        int limit = whole(context, "limit", DEFAULT_RUNS, 1, 10_000);
        List<SyncRun> runs = syncs.withService(service -> service.runs(name, limit));
        ObjectNode body = ApiJson.NODES.objectNode();
        body.put("sync", name);
        ArrayNode list = body.putArray("runs");
        runs.forEach(run -> list.add(SyncJson.run(run)));
        ApiJson.write(context, 200, body);
    }

    /** {@code GET /api/syncs/{name}/errors?limit=100}: latest rejection first. */
    public void errors(Context context) {
        String name = syncs.definition(context.pathParam("name")).name();
        int limit = whole(context, "limit", DEFAULT_ERRORS, 1, 10_000);
        List<SyncError> errors = syncs.withService(service -> service.errors(name, limit));
        ObjectNode body = ApiJson.NODES.objectNode();
        body.put("sync", name);
        ArrayNode list = body.putArray("errors");
        for (SyncError error : errors) {
            ObjectNode item = list.addObject();
            item.put("key", error.recordKey());
            item.put("operation", error.operation().name().toLowerCase(java.util.Locale.ROOT));
            item.put("errorClass", error.errorClass().name().toLowerCase(java.util.Locale.ROOT));
            item.put("message", error.message());
            item.put("firstFailedAt", error.firstFailedAt().toString());
            item.put("lastFailedAt", error.lastFailedAt().toString());
            item.put("attempts", error.attempts());
            item.put("runId", error.runId());
        }
        ApiJson.write(context, 200, body);
    }

    /** {@code POST /api/sync-runs/{id}/approve}. */
    public void approve(Context context) {
        String text = context.pathParam("id");
        long id;
        try {
            id = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, "id: must be a run id (a whole number), got '"
                    + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'");
        }
        SyncRun run = syncs.approve(id);
        Guard.detail(context).put("runId", run.runId()).put("status", SyncJson.status(run.status()));
        ApiJson.write(context, 200, SyncJson.run(run));
    }

    private ObjectNode sync(SyncDefinition sync, Optional<SyncRun> last) {
        ObjectNode node = ApiJson.NODES.objectNode();
        node.put("name", sync.name());
        node.put("editable", syncs.editableSync(sync.name()));
        ObjectNode source = node.putObject("source");
        if (sync.source() instanceof SyncSource.Audience audience) {
            source.put("audience", audience.audience());
        } else if (sync.source() instanceof SyncSource.Query query) {
            source.put("query", query.sql());
        }
        node.put("destination", sync.destination());
        node.put("identifier", sync.identifier());
        ObjectNode mapping = node.putObject("mapping");
        sync.mapping().forEach(mapping::put);
        node.put("mode", sync.mode().configName());
        ObjectNode trigger = node.putObject("trigger");
        if (sync.trigger() instanceof SyncTrigger.Cron cron) {
            trigger.put("type", "schedule");
            trigger.put("schedule", cron.expression());
        } else {
            trigger.put("type", sync.trigger() instanceof SyncTrigger.AfterBuild ? "after-build" : "manual");
        }
        ObjectNode guardrails = node.putObject("guardrails");
        guardrails.put("maxChangeShare", sync.guardrails().maxChangeShare());
        guardrails.put("allowEmptySource", sync.guardrails().allowEmptySource());
        node.put("retryWindowSeconds", sync.retryWindow().toSeconds());
        syncs.nextRun(sync).ifPresentOrElse(at -> node.put("nextRunAt", at.toString()), () -> node.putNull("nextRunAt"));
        last.ifPresentOrElse(run -> node.set("lastRun", SyncJson.run(run)), () -> node.putNull("lastRun"));
        ArrayNode problems = node.putArray("problems");
        syncs.loadProblems("syncs." + sync.name()).forEach(problems::add);
        return node;
    }

    private static ArrayNode records(List<SyncRecord> records) {
        ArrayNode list = ApiJson.NODES.arrayNode();
        for (SyncRecord record : records) {
            ObjectNode item = list.addObject();
            item.put("key", record.key());
            ObjectNode fields = item.putObject("fields");
            record.fields().forEach((field, value) -> fields.set(field, ApiJson.value(value)));
        }
        return list;
    }

    private static boolean bool(Context context, String name) {
        String text = context.queryParam(name);
        if (text == null || text.isEmpty()) {
            return false;
        }
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new OwnstackException(ErrorCode.INPUT_INVALID, name + ": must be true or false, got '"
                + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'");
    }

    private static int whole(Context context, String name, int defaultValue, int min, int max) {
        String text = context.queryParam(name);
        if (text == null || text.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw new OwnstackException(ErrorCode.INPUT_INVALID, name + ": must be a whole number from " + min + " to " + max + ", got '"
                + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'");
    }
}
