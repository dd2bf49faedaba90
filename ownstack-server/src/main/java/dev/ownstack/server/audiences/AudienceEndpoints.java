package dev.ownstack.server.audiences;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.activation.audience.AudienceCompiler;
import dev.ownstack.activation.audience.CompiledAudience;
import dev.ownstack.activation.audience.history.AudienceRun;
import dev.ownstack.activation.audience.history.MembershipHistory;
import dev.ownstack.activation.audience.preview.AudiencePreview;
import dev.ownstack.activation.audience.store.AudienceOrigin;
import dev.ownstack.activation.audience.store.StoredAudience;
import dev.ownstack.core.config.audiences.AudienceDefinition;
import dev.ownstack.core.config.audiences.AudienceParser;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.server.api.ApiJson;
import dev.ownstack.server.audiences.AudienceApi.Workspace;
import dev.ownstack.server.http.ApiErrors;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;

/**
 * The handlers of {@code /api/audiences}: list, create, read, update and delete audiences;
 * validate and preview definitions, saved or not; compute an audience and read its history; its
 * SQL for an engine. Each request opens the warehouse and closes it when done. Request and response
 * shapes are in docs/SERVER.md and {@code /api/openapi.json}.
 */
public final class AudienceEndpoints {
    /** The name an unsaved definition without one is compiled under. */
    static final String UNSAVED = "unsaved";
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 10_000;

    private final AudienceApi api;

    public AudienceEndpoints(AudienceApi api) {
        this.api = api;
    }

    /** {@code GET /api/audiences}: every audience with its latest run. */
    public void list(Context context) {
        try (Workspace workspace = api.open()) {
            Map<String, AudienceRun> latest = workspace.history().latestRuns();
            ObjectNode body = ApiJson.NODES.objectNode();
            ArrayNode audiences = body.putArray("audiences");
            for (StoredAudience audience : workspace.store.list()) {
                audiences.add(Responses.audience(audience, Optional.ofNullable(latest.get(audience.name()))));
            }
            ApiJson.write(context, 200, body);
        }
    }

    /** {@code POST /api/audiences}: saves a new audience once it compiles; 201. */
    public void create(Context context) {
        AudienceDefinition definition = AudienceParser.parseDefinition(ApiJson.body(context));
        try (Workspace workspace = api.open()) {
            StoredAudience created = workspace.store.create(definition, AudienceOrigin.API, workspace.context());
            context.header("Location", "/api/audiences/" + created.name());
            ApiJson.write(context, 201, Responses.audience(created, Optional.empty()));
        }
    }

    /** {@code GET /api/audiences/{name}}. */
    public void get(Context context) {
        try (Workspace workspace = api.open()) {
            StoredAudience audience = workspace.store.get(name(context));
            ApiJson.write(context, 200, Responses.audience(audience, workspace.history().latest(audience.name())));
        }
    }

    /** {@code PUT /api/audiences/{name}}: replaces a saved audience's definition once it compiles. */
    public void update(Context context) {
        AudienceDefinition definition = AudienceParser.parseDefinition(name(context), ApiJson.body(context));
        try (Workspace workspace = api.open()) {
            StoredAudience updated = workspace.store.update(definition, workspace.context());
            ApiJson.write(context, 200, Responses.audience(updated, workspace.history().latest(updated.name())));
        }
    }

    /** {@code DELETE /api/audiences/{name}}: 204. */
    public void delete(Context context) {
        try (Workspace workspace = api.open()) {
            workspace.store.delete(name(context));
            context.status(204);
        }
    }

    /**
     * {@code POST /api/audiences/validate}: compiles a definition (its name optional) and answers
     * 200 either way: {@code {"valid": true, "dialect", "sql", "parameters"}} or
     * {@code {"valid": false, "errors": [{"path", "message"}]}}.
     */
    public void validate(Context context) {
        JsonNode body = ApiJson.body(context);
        ObjectNode answer = ApiJson.NODES.objectNode();
        try (Workspace workspace = api.open()) {
            AudienceDefinition definition = unsaved(body);
            CompiledAudience compiled = workspace.store.validate(definition, workspace.context());
            answer.put("valid", true);
            answer.setAll(Responses.compiled(compiled));
        } catch (OwnstackException e) {
            if (e.code() != ErrorCode.INPUT_INVALID) {
                throw e;
            }
            answer.put("valid", false);
            answer.set("errors", Responses.problems(ApiErrors.problems(e)));
        }
        ApiJson.write(context, 200, answer);
    }

    /** {@code POST /api/audiences/{name}/preview}. */
    public void previewSaved(Context context) {
        PreviewRequest request = PreviewRequest.read(ApiJson.object(context), false);
        try (Workspace workspace = api.open()) {
            preview(context, workspace, workspace.store.get(name(context)).definition(), request);
        }
    }

    /** {@code POST /api/audiences/preview}: previews {@code definition} of the body without saving it. */
    public void previewUnsaved(Context context) {
        ObjectNode body = ApiJson.object(context);
        PreviewRequest request = PreviewRequest.read(body, true);
        if (!body.has("definition")) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, "definition: is required: the audience to preview");
        }
        AudienceDefinition definition = unsaved(body.get("definition"));
        try (Workspace workspace = api.open()) {
            preview(context, workspace, definition, request);
        }
    }

    private void preview(Context context, Workspace workspace, AudienceDefinition definition, PreviewRequest request) {
        long started = System.nanoTime();
        AudienceCompiler compiler = workspace.store.compiler(workspace.context());
        CompiledAudience compiled = compiler.compile(definition);
        AudiencePreview preview = workspace.preview();
        ObjectNode answer = ApiJson.NODES.objectNode();
        answer.put("audience", definition.name());
        answer.set("size", Responses.size(preview.size(compiled)));
        if (definition.holdoutPercent() > 0) {
            answer.put("holdoutSize", preview.size(compiler.compileHoldout(definition)).members());
        }
        if (request.sampleLimit() > 0) {
            answer.set("sample", Responses.sample(preview.sample(compiled,
                    request.sampleColumns().isEmpty() ? preview.defaultColumns(definition.rule()) : request.sampleColumns(), request.sampleLimit())));
        }
        if (request.overlap().isPresent()) {
            String other = request.overlap().get();
            AudienceDefinition otherDefinition = other.equals(definition.name()) ? definition : workspace.store.definition(other)
                    .orElseThrow(() -> new OwnstackException(ErrorCode.INPUT_INVALID, "overlap: unknown audience \"" + other + "\""));
            answer.set("overlap", Responses.overlap(preview.overlap(compiled, compiler.compile(otherDefinition))));
        }
        if (request.breakdownTrait().isPresent()) {
            answer.set("breakdown", Responses.breakdown(preview.breakdown(compiled, request.breakdownTrait().get(), request.buckets())));
        }
        answer.put("elapsedMillis", (System.nanoTime() - started) / 1_000_000);
        ApiJson.write(context, 200, answer);
    }

    /** {@code POST /api/audiences/{name}/compute}: computes the members and records the run. */
    public void compute(Context context) {
        try (Workspace workspace = api.open()) {
            AudienceDefinition definition = workspace.store.get(name(context)).definition();
            AudienceRun run = workspace.history().compute(definition, workspace.store.compiler(workspace.context()), workspace.context().asOf());
            ApiJson.write(context, 200, Responses.run(run));
        }
    }

    /** {@code GET /api/audiences/{name}/runs?limit=N}: the latest runs, oldest first. */
    public void runs(Context context) {
        int limit = QueryParameters.whole(context, "limit", 1, MAX_LIMIT).orElse((long) DEFAULT_LIMIT).intValue();
        try (Workspace workspace = api.open()) {
            String name = workspace.store.get(name(context)).name();
            ObjectNode body = ApiJson.NODES.objectNode();
            body.put("audience", name);
            ArrayNode runs = body.putArray("runs");
            workspace.history().runs(name, limit).forEach(run -> runs.add(Responses.run(run)));
            ApiJson.write(context, 200, body);
        }
    }

    /**
     * {@code GET /api/audiences/{name}/changes?from=&to=&limit=}: who joined and left between two
     * runs; by default the latest run against the one before it.
     */
    public void changes(Context context) {
        Optional<Long> from = QueryParameters.whole(context, "from", 0, Long.MAX_VALUE);
        Optional<Long> to = QueryParameters.whole(context, "to", 1, Long.MAX_VALUE);
        int limit = QueryParameters.whole(context, "limit", 0, MAX_LIMIT).orElse((long) DEFAULT_LIMIT).intValue();
        try (Workspace workspace = api.open()) {
            String name = workspace.store.get(name(context)).name();
            MembershipHistory history = workspace.history();
            long latest = history.latest(name).orElseThrow(() -> new OwnstackException(ErrorCode.NOT_FOUND,
                    "audience \"" + name + "\" has not been computed yet")).runId();
            long toRun = to.orElse(latest);
            ApiJson.write(context, 200, Responses.changes(history.changes(name, from.orElse(toRun - 1), toRun, limit)));
        }
    }

    /** {@code GET /api/audiences/{name}/sql?dialect=D}: the members query (and the holdout's) for an engine, the warehouse's by default. */
    public void sql(Context context) {
        try (Workspace workspace = api.open()) {
            AudienceDefinition definition = workspace.store.get(name(context)).definition();
            String dialect = Optional.ofNullable(context.queryParam("dialect")).orElse(workspace.warehouse.dialect().name());
            AudienceCompiler compiler = workspace.store.compiler(workspace.context().withDialect(AudienceApi.dialect(dialect)));
            ObjectNode body = ApiJson.NODES.objectNode();
            body.put("audience", definition.name());
            body.setAll(Responses.compiled(compiler.compile(definition)));
            if (definition.holdoutPercent() > 0) {
                body.set("holdout", Responses.compiled(compiler.compileHoldout(definition)));
            }
            ApiJson.write(context, 200, body);
        }
    }

    private static String name(Context context) {
        return context.pathParam("name");
    }

    /** A definition that need not have a name. */
    static AudienceDefinition unsaved(JsonNode json) {
        return json != null && json.isObject() && json.has("name") ? AudienceParser.parseDefinition(json)
                : AudienceParser.parseDefinition(UNSAVED, json);
    }
}
