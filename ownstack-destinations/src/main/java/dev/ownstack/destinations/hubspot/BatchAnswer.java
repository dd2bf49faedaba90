package dev.ownstack.destinations.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.activation.destination.RecordResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * HubSpot's answer to a batch call (upsert, update, read): 200 with {@code results}, or 207
 * with {@code results} and {@code errors}, each error a {@code StandardError} whose
 * {@code context} names the inputs it is about (by {@code ids} or {@code objectWriteTraceId})
 * (https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/batch/post-crm-v3-objects-contacts-batch-upsert,
 * https://developers.hubspot.com/docs/api-reference/error-handling#multi-status-errors).
 *
 * @param results the records HubSpot wrote or read
 * @param errors  what it refused, per input
 */
record BatchAnswer(List<JsonNode> results, List<BatchError> errors) {
    /**
     * One error of a 207 answer.
     *
     * @param errorClass from its category: RATE_LIMITS throttled, a 5xx status or an internal error
     *                   retryable, anything else (VALIDATION_ERROR, OBJECT_NOT_FOUND, ...) permanent
     * @param message    {@code CATEGORY/CODE: message}, HubSpot's words
     * @param ids        the inputs it names ({@code context.ids}), as sent
     * @param traces     the inputs it names by their {@code objectWriteTraceId} ({@code context.objectWriteTraceId})
     */
    record BatchError(ErrorClass errorClass, String message, List<String> ids, List<String> traces) {
        BatchError {
            Objects.requireNonNull(errorClass, "errorClass");
            Objects.requireNonNull(message, "message");
            ids = List.copyOf(ids);
            traces = List.copyOf(traces);
        }
    }

    BatchAnswer {
        results = List.copyOf(results);
        errors = List.copyOf(errors);
    }

    /** @throws DestinationException RETRYABLE when the body has no {@code results} list: what became of each record cannot be told */
    static BatchAnswer read(JsonNode root, String where) {
        JsonNode results = root.path("results");
        if (!results.isArray()) {
            throw new DestinationException(ErrorClass.RETRYABLE, where + " answered a batch without a results list: " + abbreviate(root));
        }
        List<JsonNode> kept = new ArrayList<>();
        results.forEach(kept::add);
        List<BatchError> errors = new ArrayList<>();
        for (JsonNode error : root.path("errors")) {
            errors.add(error(error));
        }
        return new BatchAnswer(kept, errors);
    }

    private static BatchError error(JsonNode error) {
        String category = error.path("category").asText("ERROR");
        JsonNode detail = error.path("errors").path(0);
        String code = detail.path("code").asText("");
        String message = detail.path("message").isTextual() ? detail.path("message").asText() : error.path("message").asText("");
        List<String> ids = new ArrayList<>();
        error.path("context").path("ids").forEach(id -> ids.add(id.asText()));
        List<String> traces = new ArrayList<>();
        error.path("context").path("objectWriteTraceId").forEach(trace -> traces.add(trace.asText()));
        String status = error.path("status").asText("");
        ErrorClass errorClass = ErrorClass.PERMANENT;
        if (category.equals("RATE_LIMITS")) {
            errorClass = ErrorClass.THROTTLED;
        } else if (status.startsWith("5") || category.equals("INTERNAL_ERROR") || category.equals("SERVICE_UNAVAILABLE")) {
            errorClass = ErrorClass.RETRYABLE;
        }
        return new BatchError(errorClass, category + (code.isEmpty() ? "" : "/" + code) + ": " + message, ids, traces);
    }

    /**
     * One result per input, by the input's key: accepted with HubSpot's contact id when a result
     * names the input, rejected in HubSpot's words when an error does. A result is matched by
     * its {@code objectWriteTraceId} (the input's position, when sent) or else by
     * {@code matchOf}; errors by {@code context.objectWriteTraceId} or {@code context.ids}, ids
     * without regard to case (HubSpot stores emails in lower case). An input neither names is retryable: HubSpot did not say.
     *
     * @param matchOf what of a result names its input, compared with {@link ContactInput#id()}
     */
    Map<String, RecordResult> outcomes(List<ContactInput> inputs, Function<JsonNode, String> matchOf) {
        Map<String, ContactInput> byId = new HashMap<>();
        for (ContactInput input : inputs) {
            byId.putIfAbsent(input.id().toLowerCase(Locale.ROOT), input);
        }
        Map<String, RecordResult> outcomes = new LinkedHashMap<>();
        for (JsonNode result : results) {
            ContactInput input = traced(result.path("objectWriteTraceId").asText(""), inputs);
            if (input == null) {
                String match = matchOf.apply(result);
                input = match == null ? null : byId.get(match.toLowerCase(Locale.ROOT));
            }
            String contactId = result.path("id").asText("");
            if (input != null && !contactId.isEmpty()) {
                outcomes.putIfAbsent(input.key(), RecordResult.accepted(input.key(), contactId));
            }
        }
        List<BatchError> unnamed = new ArrayList<>();
        for (BatchError error : errors) {
            boolean named = false;
            List<ContactInput> about = new ArrayList<>();
            error.traces().forEach(trace -> about.add(traced(trace, inputs)));
            error.ids().forEach(id -> about.add(byId.get(id.toLowerCase(Locale.ROOT))));
            for (ContactInput input : about) {
                if (input != null) {
                    named = true;
                    outcomes.putIfAbsent(input.key(), RecordResult.rejected(input.key(), error.errorClass(), error.message()));
                }
            }
            if (!named) {
                unnamed.add(error);
            }
        }
        List<ContactInput> silent = inputs.stream().filter(input -> !outcomes.containsKey(input.key())).toList();
        for (ContactInput input : silent) {
            if (silent.size() == 1 && unnamed.size() == 1) {
                outcomes.put(input.key(), RecordResult.rejected(input.key(), unnamed.get(0).errorClass(), unnamed.get(0).message()));
            } else {
                String said = unnamed.isEmpty() ? "" : "; its errors naming no input: "
                        + String.join("; ", unnamed.stream().map(BatchError::message).toList());
                outcomes.put(input.key(), RecordResult.rejected(input.key(), ErrorClass.RETRYABLE,
                        "HubSpot's answer named neither a result nor an error for this record" + said));
            }
        }
        return outcomes;
    }

    /** How many results HubSpot marks as {@code "new": true} (created rather than updated). */
    long created() {
        return results.stream().filter(result -> result.path("new").asBoolean(false)).count();
    }

    /** The input at the position a trace id names; null for any other trace id. */
    private static ContactInput traced(String trace, List<ContactInput> inputs) {
        if (trace.isEmpty() || !trace.chars().allMatch(Character::isDigit) || trace.length() > 4) {
            return null;
        }
        int index = Integer.parseInt(trace);
        return index < inputs.size() ? inputs.get(index) : null;
    }

    private static String abbreviate(JsonNode root) {
        String text = root.toString();
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
