package dev.ownstack.destinations.meta;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.activation.destination.RecordResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Meta's answer to a {@code users} or {@code usersreplace} call:
 * {@code {"audience_id","session_id","num_received","num_invalid_entries","invalid_entry_samples":{"<entry>":"<reason>"}}}
 * (https://developers.facebook.com/docs/marketing-api/reference/custom-audience/users/#Creating).
 * Meta counts invalid entries and quotes a sample of them; a row holding a sampled entry is
 * rejected with Meta's reason, the others are accepted.
 *
 * @param received     {@code num_received}
 * @param invalid      {@code num_invalid_entries}
 * @param samples      {@code invalid_entry_samples}: entry → reason
 */
record UploadAnswer(long received, long invalid, Map<String, String> samples) {
    UploadAnswer {
        samples = Map.copyOf(samples);
    }

    static UploadAnswer of(JsonNode root) {
        Map<String, String> samples = new LinkedHashMap<>();
        JsonNode sampled = root.path("invalid_entry_samples");
        if (sampled.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> entries = sampled.fields(); entries.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = entries.next();
                samples.put(entry.getKey(), entry.getValue().asText(""));
            }
        } else if (sampled.isArray()) {
            sampled.forEach(entry -> samples.put(entry.asText(), "invalid entry"));
        }
        return new UploadAnswer(Math.max(0, root.path("num_received").asLong(0)), Math.max(0, root.path("num_invalid_entries").asLong(0)),
                samples);
    }

    /** One result per row: rejected when Meta sampled one of its values as invalid. */
    List<RecordResult> results(List<CustomerFile.Row> rows) {
        Map<String, String> reasonByValue = new HashMap<>(samples);
        List<RecordResult> results = new ArrayList<>(rows.size());
        for (CustomerFile.Row row : rows) {
            String reason = null;
            for (Map.Entry<CustomerFileKey, String> value : row.values().entrySet()) {
                if (reasonByValue.containsKey(value.getValue())) {
                    reason = value.getKey().name() + " " + reasonByValue.get(value.getValue());
                    break;
                }
            }
            results.add(reason == null ? RecordResult.accepted(row.key())
                    : RecordResult.rejected(row.key(), ErrorClass.PERMANENT, "invalid entry: " + reason));
        }
        return results;
    }

    /** The counts for {@link dev.ownstack.activation.destination.BatchResult#reported}. */
    Map<String, Long> reported() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("received", received);
        counts.put("invalid", invalid);
        return counts;
    }
}
