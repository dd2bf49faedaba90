package dev.ownstack.destinations.marketo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.activation.destination.SyncRecord;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The lead payloads Marketo takes and the per-record outcomes it answers with: Sync Leads
 * (https://developer.adobe.com/marketo-apis/api/mapi/#tag/Leads/operation/syncLeadUsingPOST) and
 * the static list membership calls
 * (https://developer.adobe.com/marketo-apis/api/mapi/#tag/Static-Lists/operation/addLeadsToListUsingPOST).
 * Each element of {@code result} belongs to the input at the same position and has a
 * {@code status} ({@code created}, {@code updated}, {@code added}, {@code removed} or
 * {@code skipped}); a skipped one lists its {@code reasons} as {@code {"code", "message"}}.
 */
final class MarketoLeads {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** What Marketo did with one input: the lead's id and status, or why it skipped it. */
    record Outcome(Optional<Long> id, String status, List<String> codes, String reasons) {
        Outcome {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(status, "status");
            codes = List.copyOf(codes);
            Objects.requireNonNull(reasons, "reasons");
        }

        boolean skipped() {
            return "skipped".equals(status) || id.isEmpty();
        }
    }

    private MarketoLeads() {
    }

    /** {@code {"action", "lookupField", "input": [fields...]}}, each record's fields as the lead's fields. */
    static ObjectNode syncRequest(String action, String lookupField, List<SyncRecord> records) {
        ObjectNode request = NODES.objectNode();
        request.put("action", action);
        request.put("lookupField", lookupField);
        ArrayNode input = request.putArray("input");
        for (SyncRecord record : records) {
            ObjectNode lead = input.addObject();
            record.fields().forEach((name, value) -> lead.set(name, value(value)));
        }
        return request;
    }

    /** {@code {"input": [{"id": ...}, ...]}} for adding leads to or removing them from a static list. */
    static ObjectNode idsRequest(Collection<Long> ids) {
        ObjectNode request = NODES.objectNode();
        ArrayNode input = request.putArray("input");
        for (long id : ids) {
            input.addObject().put("id", id);
        }
        return request;
    }

    /** A field value as Marketo reads it: numbers and booleans as such, dates and times as ISO-8601 text, null clears the field. */
    static JsonNode value(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            return NODES.numberNode(((Number) value).doubleValue());
        }
        if (value instanceof BigDecimal decimal) {
            return NODES.numberNode(decimal);
        }
        if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        return NODES.textNode(String.valueOf(value));
    }

    /**
     * The outcome of each of the {@code sent} inputs, in input order.
     *
     * @throws DestinationException RETRYABLE when the answer does not have one result per input:
     *     what became of each record cannot be told, so the batch is sent again (a sync is idempotent)
     */
    static List<Outcome> outcomes(JsonNode answer, int sent, String where) {
        JsonNode result = answer.path("result");
        if (!result.isArray() || result.size() != sent) {
            throw new DestinationException(ErrorClass.RETRYABLE, where + " answered " + (result.isArray() ? result.size() : 0)
                    + " results for " + sent + " leads (request " + answer.path("requestId").asText("?") + ")");
        }
        List<Outcome> outcomes = new ArrayList<>(sent);
        for (JsonNode element : result) {
            outcomes.add(outcome(element));
        }
        return outcomes;
    }

    /** The outcome per lead id of a list membership call (its results name the lead ids). */
    static Map<Long, Outcome> byId(JsonNode answer) {
        Map<Long, Outcome> outcomes = new LinkedHashMap<>();
        for (JsonNode element : answer.path("result")) {
            Outcome outcome = outcome(element);
            outcome.id().ifPresent(id -> outcomes.put(id, outcome));
        }
        return outcomes;
    }

    private static Outcome outcome(JsonNode element) {
        JsonNode id = element.path("id");
        Optional<Long> leadId = id.canConvertToLong() && !id.isMissingNode() && !id.isNull() ? Optional.of(id.asLong()) : Optional.empty();
        List<String> codes = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (JsonNode reason : element.path("reasons")) {
            codes.add(reason.path("code").asText("?"));
            reasons.add(reason.path("code").asText("?") + ": " + reason.path("message").asText(""));
        }
        String status = element.path("status").asText("");
        if (reasons.isEmpty() && (status.equals("skipped") || leadId.isEmpty())) {
            reasons.add("skipped without a reason");
        }
        return new Outcome(leadId, status, codes, String.join("; ", reasons));
    }
}
