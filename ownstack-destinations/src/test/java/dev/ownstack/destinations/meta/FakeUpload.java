package dev.ownstack.destinations.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@link MetaFake}'s {@code users} and {@code usersreplace} edges: reads {@code payload} and
 * {@code session} as Meta documents them
 * (https://developers.facebook.com/docs/marketing-api/reference/custom-audience/users/) and answers
 * {@code audience_id, session_id, num_received, num_invalid_entries, invalid_entry_samples}.
 * Called under the fake's lock.
 */
final class FakeUpload {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private FakeUpload() {
    }

    static MetaFake.GraphAnswer users(FakeAudience audience, boolean add, Map<String, String> params, MetaFake fake) {
        return upload(audience, params, fake, false, (rows, session) -> {
            rows.forEach(add ? audience::add : audience::remove);
            return null;
        });
    }

    static MetaFake.GraphAnswer replace(FakeAudience audience, Map<String, String> params, MetaFake fake) {
        return upload(audience, params, fake, true, (rows, session) -> audience.replace(session.path("session_id").asLong(),
                session.path("batch_seq").asInt(), session.path("last_batch_flag").asBoolean(false), rows));
    }

    private interface Apply {
        /** Applies the valid rows; returns a problem, or null. */
        String apply(List<Map<String, String>> rows, JsonNode session);
    }

    private static MetaFake.GraphAnswer upload(FakeAudience audience, Map<String, String> params, MetaFake fake, boolean replace, Apply apply) {
        JsonNode payload;
        JsonNode session;
        try {
            payload = params.containsKey("payload") ? MetaFake.json().readTree(params.get("payload")) : null;
            session = params.containsKey("session") ? MetaFake.json().readTree(params.get("session")) : null;
        } catch (IOException e) {
            return fake.error(100, 0, "OAuthException", "(#100) param payload and session must be JSON objects");
        }
        if (payload == null || !payload.isObject()) {
            return fake.error(100, 0, "OAuthException", "(#100) The parameter payload is required");
        }
        String sessionProblem = sessionProblem(session, replace);
        if (sessionProblem != null) {
            return fake.error(100, 0, "OAuthException", "(#100) " + sessionProblem);
        }
        JsonNode schema = payload.path("schema");
        if (!schema.isArray() || schema.isEmpty()) {
            return fake.error(100, 0, "OAuthException", "(#100) payload.schema must be a list of keys (this fake takes multi-key schemas)");
        }
        List<String> keys = new ArrayList<>();
        for (JsonNode key : schema) {
            if (!MetaFake.KEYS.contains(key.asText()) || keys.contains(key.asText())) {
                return fake.error(100, 0, "OAuthException", "(#100) Invalid or repeated key in schema: " + key.asText());
            }
            keys.add(key.asText());
        }
        JsonNode data = payload.path("data");
        if (!data.isArray() || data.isEmpty()) {
            return fake.error(100, 0, "OAuthException", "(#100) payload.data must be a non-empty list of rows");
        }
        if (data.size() > MetaFake.MAX_ROWS) {
            return fake.error(100, 0, "OAuthException", "(#100) Too many entries: at most " + MetaFake.MAX_ROWS + " per request, got "
                    + data.size());
        }
        List<Map<String, String>> rows = new ArrayList<>();
        Map<String, String> samples = new LinkedHashMap<>();
        int invalid = 0;
        for (JsonNode cells : data) {
            if (!cells.isArray() || cells.size() != keys.size()) {
                return fake.error(100, 2650, "OAuthException", "(#100) Each row of data must be a list of " + keys.size()
                        + " values, one per schema key");
            }
            Map<String, String> row = new LinkedHashMap<>();
            String bad = null;
            for (int i = 0; i < keys.size(); i++) {
                String value = cells.get(i).asText("");
                if (value.isEmpty()) {
                    continue;
                }
                if (MetaFake.hashed(keys.get(i)) && !SHA256.matcher(value).matches()) {
                    bad = bad == null ? value : bad;
                    samples.putIfAbsent(value, "Invalid " + keys.get(i) + ": not a SHA-256 hash");
                }
                row.put(keys.get(i), value);
            }
            if (bad != null || row.isEmpty()) {
                invalid++;
            } else {
                rows.add(row);
            }
        }
        String problem = apply.apply(rows, session);
        if (problem != null) {
            return fake.error(100, 0, "OAuthException", "(#100) " + problem);
        }
        ObjectNode answer = MetaFake.json().createObjectNode().put("audience_id", audience.id);
        if (session != null) {
            answer.put("session_id", session.path("session_id").asText());
        }
        answer.put("num_received", data.size()).put("num_invalid_entries", invalid);
        ObjectNode sampled = answer.putObject("invalid_entry_samples");
        samples.forEach(sampled::put);
        return MetaFake.ok(answer);
    }

    private static String sessionProblem(JsonNode session, boolean replace) {
        if (session == null) {
            return replace ? "The parameter session is required" : null;
        }
        if (!session.isObject() || !session.path("session_id").canConvertToLong() || session.path("session_id").asLong() <= 0) {
            return "session.session_id must be a positive integer";
        }
        if (!session.path("batch_seq").isIntegralNumber() || session.path("batch_seq").asInt() < 1) {
            return "session.batch_seq must be an integer from 1";
        }
        if (session.has("last_batch_flag") && !session.path("last_batch_flag").isBoolean()) {
            return "session.last_batch_flag must be true or false";
        }
        if (replace && !session.has("last_batch_flag")) {
            return "session.last_batch_flag is required for usersreplace";
        }
        if (session.has("estimated_num_total") && !session.path("estimated_num_total").isIntegralNumber()) {
            return "session.estimated_num_total must be an integer";
        }
        return null;
    }
}
