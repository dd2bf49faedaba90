package dev.ownstack.server.audiences;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.activation.audience.preview.AudiencePreview;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a preview request asks for besides the size: {@code {"sample": {"columns": [...], "limit":
 * 10}, "overlap": "other-audience", "breakdown": {"trait": "country", "buckets": 10}}}, every key
 * optional. The sample is on unless its limit is 0. Unknown keys are errors, with their path.
 */
final class PreviewRequest {
    static final int DEFAULT_SAMPLE = 10;
    static final int DEFAULT_BUCKETS = 10;

    private final List<String> problems = new ArrayList<>();
    private int sampleLimit = DEFAULT_SAMPLE;
    private List<String> sampleColumns = List.of();
    private String overlap;
    private String breakdownTrait;
    private int buckets = DEFAULT_BUCKETS;

    /** Reads the body; {@code definitionKey} is true where the body may also carry an unsaved {@code definition}. */
    static PreviewRequest read(ObjectNode body, boolean definitionKey) {
        PreviewRequest request = new PreviewRequest();
        request.keys(body, "", definitionKey ? Set.of("definition", "sample", "overlap", "breakdown") : Set.of("sample", "overlap", "breakdown"));
        JsonNode sample = body.get("sample");
        if (sample != null && !sample.isNull()) {
            if (request.object(sample, "sample", Set.of("columns", "limit"))) {
                request.sampleLimit = request.whole(sample.get("limit"), "sample.limit", 0, AudiencePreview.MAX_SAMPLE).orElse(DEFAULT_SAMPLE);
                request.sampleColumns = request.texts(sample.get("columns"), "sample.columns");
            }
        }
        JsonNode overlap = body.get("overlap");
        if (overlap != null && !overlap.isNull()) {
            if (overlap.isTextual()) {
                request.overlap = overlap.asText();
            } else {
                request.problems.add("overlap: must be the name of an audience, got " + overlap);
            }
        }
        JsonNode breakdown = body.get("breakdown");
        if (breakdown != null && !breakdown.isNull() && request.object(breakdown, "breakdown", Set.of("trait", "buckets"))) {
            JsonNode trait = breakdown.get("trait");
            if (trait == null || !trait.isTextual()) {
                request.problems.add("breakdown.trait: must name a column of model.customers");
            } else {
                request.breakdownTrait = trait.asText();
            }
            request.buckets = request.whole(breakdown.get("buckets"), "breakdown.buckets", 1, AudiencePreview.MAX_BUCKETS).orElse(DEFAULT_BUCKETS);
        }
        if (!request.problems.isEmpty()) {
            List<String> all = request.problems;
            throw new OwnstackException(ErrorCode.INPUT_INVALID, all.size() == 1 ? all.get(0)
                    : all.size() + " problems in the preview request: " + String.join("; ", all), all, null);
        }
        return request;
    }

    int sampleLimit() {
        return sampleLimit;
    }

    /** The sample's columns; empty for the default ones. */
    List<String> sampleColumns() {
        return sampleColumns;
    }

    Optional<String> overlap() {
        return Optional.ofNullable(overlap);
    }

    Optional<String> breakdownTrait() {
        return Optional.ofNullable(breakdownTrait);
    }

    int buckets() {
        return buckets;
    }

    private void keys(JsonNode node, String path, Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                problems.add((path.isEmpty() ? name : path + "." + name) + ": unknown key; expected " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    private boolean object(JsonNode node, String path, Set<String> allowed) {
        if (!node.isObject()) {
            problems.add(path + ": must be an object, got " + node);
            return false;
        }
        keys(node, path, allowed);
        return true;
    }

    private Optional<Integer> whole(JsonNode node, String path, int min, int max) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < min || node.asInt() > max) {
            problems.add(path + ": must be a whole number from " + min + " to " + max + ", got " + node);
            return Optional.empty();
        }
        return Optional.of(node.asInt());
    }

    private List<String> texts(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            problems.add(path + ": must be a list of column names, got " + node);
            return List.of();
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (node.get(i).isTextual()) {
                texts.add(node.get(i).asText());
            } else {
                problems.add(path + "[" + i + "]: must be a column name, got " + node.get(i));
            }
        }
        return texts;
    }
}
