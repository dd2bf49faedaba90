package dev.ownstack.server.insights;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.insights.scoring.ModelStore;
import dev.ownstack.insights.scoring.ScoreDistribution;
import dev.ownstack.insights.scoring.ScoreSummaries;
import dev.ownstack.insights.scoring.StoredModel;
import dev.ownstack.server.api.ApiJson;
import dev.ownstack.warehouse.Warehouse;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@code GET /api/score-models}: every trained version of every scoring model ({@code ownstack.score_models}) with its
 * window, evaluation and features (never the model itself), which version is applied, and how the applied
 * probabilities in {@code model.customer_scores} are spread. The warehouse is opened per request and closed after it.
 */
public final class ScoreModelEndpoints {
    private final Supplier<Warehouse> warehouses;

    public ScoreModelEndpoints(Supplier<Warehouse> warehouses) {
        this.warehouses = Objects.requireNonNull(warehouses, "warehouses");
    }

    /** {@code GET /api/score-models}. */
    public void list(Context context) {
        List<StoredModel> versions;
        Map<String, Integer> applied;
        List<ScoreDistribution> distributions;
        try (Warehouse warehouse = warehouses.get()) {
            ModelStore store = new ModelStore(warehouse);
            versions = store.all();
            applied = store.applied();
            distributions = ScoreDistribution.all(warehouse);
        }
        Map<String, ObjectNode> models = new LinkedHashMap<>();
        for (StoredModel version : versions) {
            ObjectNode model = models.computeIfAbsent(version.model(), name -> {
                ObjectNode node = ApiJson.NODES.objectNode();
                node.put("name", name);
                node.put("kind", version.kind());
                Integer current = applied.get(name);
                if (current == null) {
                    node.putNull("appliedVersion");
                } else {
                    node.put("appliedVersion", current);
                }
                node.putArray("versions");
                node.putNull("distribution");
                return node;
            });
            model.put("kind", version.kind());
            ((ArrayNode) model.get("versions")).add(version(version));
        }
        for (ScoreDistribution distribution : distributions) {
            ObjectNode model = models.get(distribution.model());
            if (model != null) {
                model.set("distribution", distribution(distribution));
            }
        }
        ObjectNode body = ApiJson.NODES.objectNode();
        ArrayNode list = body.putArray("models");
        models.values().forEach(list::add);
        ApiJson.write(context, 200, body);
    }

    private static ObjectNode version(StoredModel model) {
        ObjectNode node = ApiJson.NODES.objectNode();
        node.put("version", model.version());
        node.set("trainedAt", ApiJson.value(model.trainedAt()));
        node.set("trainCutoff", ApiJson.value(model.trainCutoff().toLocalDate()));
        node.set("evaluationCutoff", ApiJson.value(model.evaluationCutoff().toLocalDate()));
        node.put("labelDays", model.labelDays());
        node.put("window", ScoreSummaries.window(model));
        node.put("summary", ScoreSummaries.keyMetrics(model));
        node.set("metrics", json(model, model.metrics()));
        ArrayNode features = node.putArray("features");
        model.features().forEach(features::add);
        return node;
    }

    private static ObjectNode distribution(ScoreDistribution distribution) {
        ObjectNode node = ApiJson.NODES.objectNode();
        node.put("column", distribution.column());
        node.put("version", distribution.version());
        node.put("customers", distribution.customers());
        if (distribution.mean() == null) {
            node.putNull("mean");
        } else {
            node.put("mean", distribution.mean());
        }
        ArrayNode bins = node.putArray("bins");
        for (int bin = 0; bin < ScoreDistribution.BINS; bin++) {
            bins.addObject().put("from", ScoreDistribution.lower(bin)).put("to", ScoreDistribution.lower(bin + 1))
                    .put("customers", distribution.counts().get(bin));
        }
        return node;
    }

    private static JsonNode json(StoredModel model, String text) {
        try {
            return ApiJson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new OwnstackException(ErrorCode.INTERNAL, "model " + model.model() + " version " + model.version()
                    + " holds invalid JSON metrics: " + e.getOriginalMessage());
        }
    }
}
