package dev.ownstack.server.audiences;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.activation.audience.CompiledAudience;
import dev.ownstack.activation.audience.history.AudienceRun;
import dev.ownstack.activation.audience.history.MembershipChanges;
import dev.ownstack.activation.audience.preview.AudienceSize;
import dev.ownstack.activation.audience.preview.Breakdown;
import dev.ownstack.activation.audience.preview.Overlap;
import dev.ownstack.activation.audience.preview.Sample;
import dev.ownstack.activation.audience.recipe.Recipe;
import dev.ownstack.activation.audience.recipe.RecipeParameter;
import dev.ownstack.activation.audience.store.StoredAudience;
import dev.ownstack.core.config.audiences.AudienceJson;
import dev.ownstack.core.config.audiences.RuleValue;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.server.api.ApiJson;
import dev.ownstack.server.http.ApiErrors;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** The JSON shapes of the audience API's responses (docs/SERVER.md shows each). */
final class Responses {
    private Responses() {
    }

    static ObjectNode audience(StoredAudience audience, Optional<AudienceRun> latest) {
        ObjectNode node = ApiJson.NODES.objectNode();
        node.put("name", audience.name());
        node.put("origin", audience.origin().text());
        node.put("editable", audience.editable());
        node.set("createdAt", audience.createdAt().map(ApiJson::value).orElse(ApiJson.NODES.nullNode()));
        node.set("updatedAt", audience.updatedAt().map(ApiJson::value).orElse(ApiJson.NODES.nullNode()));
        node.set("definition", AudienceJson.write(audience.definition()));
        node.set("latestRun", latest.<JsonNode>map(Responses::run).orElse(ApiJson.NODES.nullNode()));
        return node;
    }

    static ObjectNode run(AudienceRun run) {
        ObjectNode node = ApiJson.NODES.objectNode();
        node.put("audience", run.audience());
        node.put("runId", run.runId());
        node.set("computedAt", ApiJson.value(run.computedAt()));
        node.set("asOf", ApiJson.value(run.asOf()));
        node.put("size", run.size());
        node.put("holdoutSize", run.holdoutSize());
        node.put("joined", run.joined());
        node.put("left", run.left());
        return node;
    }

    static ObjectNode changes(MembershipChanges changes) {
        ObjectNode node = ApiJson.NODES.objectNode();
        node.put("audience", changes.audience());
        node.put("fromRun", changes.fromRun());
        node.put("toRun", changes.toRun());
        node.put("joinedCount", changes.joinedCount());
        node.put("leftCount", changes.leftCount());
        ArrayNode joined = node.putArray("joined");
        changes.joined().forEach(joined::add);
        ArrayNode left = node.putArray("left");
        changes.left().forEach(left::add);
        return node;
    }

    static ObjectNode compiled(CompiledAudience compiled) {
        ObjectNode node = ApiJson.NODES.objectNode();
        node.put("dialect", compiled.dialect());
        node.put("sql", compiled.sql());
        ArrayNode parameters = node.putArray("parameters");
        compiled.parameters().forEach(value -> parameters.add(ApiJson.value(value)));
        return node;
    }

    static ObjectNode size(AudienceSize size) {
        ObjectNode node = ApiJson.NODES.objectNode();
        node.put("members", size.members());
        node.put("customers", size.customers());
        return node;
    }

    static ObjectNode sample(Sample sample) {
        ObjectNode node = ApiJson.NODES.objectNode();
        ArrayNode columns = node.putArray("columns");
        for (Column column : sample.columns()) {
            columns.addObject().put("name", column.name()).put("type", column.type().configName());
        }
        ArrayNode rows = node.putArray("rows");
        for (List<Object> row : sample.rows()) {
            ArrayNode values = rows.addArray();
            for (int i = 0; i < row.size(); i++) {
                values.add(sample.columns().get(i).type() == ColumnType.JSON ? json(row.get(i)) : ApiJson.value(row.get(i)));
            }
        }
        return node;
    }

    static ObjectNode overlap(Overlap overlap) {
        ObjectNode node = ApiJson.NODES.objectNode();
        node.put("audience", overlap.audience());
        node.put("other", overlap.other());
        node.put("audienceSize", overlap.audienceSize());
        node.put("otherSize", overlap.otherSize());
        node.put("both", overlap.both());
        node.put("audienceOnly", overlap.audienceOnly());
        node.put("otherOnly", overlap.otherOnly());
        return node;
    }

    static ObjectNode breakdown(Breakdown breakdown) {
        ObjectNode node = ApiJson.NODES.objectNode();
        node.put("trait", breakdown.trait());
        node.put("unit", breakdown.unit());
        node.put("members", breakdown.members());
        ArrayNode buckets = node.putArray("buckets");
        for (Breakdown.Bucket bucket : breakdown.buckets()) {
            ObjectNode item = buckets.addObject();
            if (bucket instanceof Breakdown.Value value) {
                item.put("kind", "value");
                item.set("value", ApiJson.value(value.value()));
            } else if (bucket instanceof Breakdown.Range range) {
                item.put("kind", "range");
                item.set("from", ApiJson.value(range.from()));
                item.set("to", ApiJson.value(range.to()));
            } else if (bucket instanceof Breakdown.Other other) {
                item.put("kind", "other");
                item.put("values", other.values());
            } else {
                item.put("kind", "missing");
            }
            item.put("count", bucket.count());
        }
        return node;
    }

    static ObjectNode recipe(Recipe recipe) {
        ObjectNode node = ApiJson.NODES.objectNode();
        node.put("name", recipe.name());
        node.put("description", recipe.description());
        ArrayNode parameters = node.putArray("parameters");
        for (RecipeParameter parameter : recipe.parameters()) {
            ObjectNode item = parameters.addObject();
            item.put("name", parameter.name());
            item.put("type", parameter.type().jsonName());
            item.set("default", ruleValue(parameter.defaultValue()));
            item.put("description", parameter.description());
            if (parameter.type() != RecipeParameter.Type.TEXT) {
                item.set("min", ApiJson.value(parameter.min()));
                item.set("max", ApiJson.value(parameter.max()));
            }
        }
        return node;
    }

    static ArrayNode problems(List<ApiErrors.Problem> problems) {
        ArrayNode list = ApiJson.NODES.arrayNode();
        problems.forEach(problem -> list.addObject().put("path", problem.path()).put("message", problem.message()));
        return list;
    }

    private static JsonNode ruleValue(RuleValue value) {
        if (value instanceof RuleValue.Text text) {
            return ApiJson.NODES.textNode(text.value());
        }
        if (value instanceof RuleValue.Number number) {
            return ApiJson.value(number.value());
        }
        return ApiJson.NODES.booleanNode(((RuleValue.Bool) value).value());
    }

    private static JsonNode json(Object text) {
        if (text == null) {
            return ApiJson.NODES.nullNode();
        }
        try {
            return ApiJson.MAPPER.readTree((String) text);
        } catch (IOException e) {
            return ApiJson.NODES.textNode((String) text);
        }
    }
}
