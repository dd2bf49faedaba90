package dev.ownstack.destinations.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shape of {@code payload} and {@code session} on the users and usersreplace edges, as
 * https://developers.facebook.com/docs/marketing-api/reference/custom-audience/users/ and
 * https://developers.facebook.com/docs/marketing-api/reference/custom-audience/usersreplace/ document
 * them: a multi-key {@code schema}, {@code is_raw}, {@code data} rows of the schema's length (at
 * most 10,000), and a session of {@code session_id}, {@code batch_seq}, {@code last_batch_flag},
 * {@code estimated_num_total} (all but the last required for usersreplace).
 */
final class UsersPayload {
    private static final ObjectMapper JSON = new ObjectMapper();

    private UsersPayload() {
    }

    static List<String> problems(Map<String, String> params, boolean replace, Set<String> schemaKeys) {
        List<String> problems = new ArrayList<>();
        JsonNode payload = parse(params.get("payload"), "payload", problems);
        JsonNode session = parse(params.get("session"), "session", problems);
        if (payload == null) {
            problems.add("payload missing");
        } else {
            JsonNode schema = payload.path("schema");
            if (!schema.isArray() || schema.isEmpty()) {
                problems.add("payload.schema must be a non-empty list of keys");
            } else {
                schema.forEach(key -> {
                    if (!schemaKeys.contains(key.asText())) {
                        problems.add("payload.schema has an unknown key " + key);
                    }
                });
            }
            if (payload.has("is_raw") && !payload.path("is_raw").isBoolean()) {
                problems.add("payload.is_raw must be true or false");
            }
            JsonNode data = payload.path("data");
            if (!data.isArray() || data.isEmpty() || data.size() > 10_000) {
                problems.add("payload.data must be a list of 1 to 10,000 rows, got " + data.size());
            }
            for (JsonNode row : data) {
                if (!row.isArray() || row.size() != schema.size()) {
                    problems.add("payload.data row " + row + " must be a list of " + schema.size() + " values");
                    break;
                }
                for (JsonNode cell : row) {
                    if (!cell.isTextual()) {
                        problems.add("payload.data values must be text, got " + cell);
                        break;
                    }
                }
            }
        }
        if (session == null) {
            if (replace) {
                problems.add("session missing");
            }
            return problems;
        }
        if (!session.path("session_id").isIntegralNumber() || session.path("session_id").asLong() <= 0) {
            problems.add("session.session_id must be a positive whole number");
        }
        if (!session.path("batch_seq").isIntegralNumber() || session.path("batch_seq").asLong() < 1) {
            problems.add("session.batch_seq must be a whole number from 1");
        }
        if ((replace || session.has("last_batch_flag")) && !session.path("last_batch_flag").isBoolean()) {
            problems.add("session.last_batch_flag must be true or false");
        }
        if (session.has("estimated_num_total") && !session.path("estimated_num_total").isIntegralNumber()) {
            problems.add("session.estimated_num_total must be a whole number");
        }
        session.fieldNames().forEachRemaining(name -> {
            if (!Set.of("session_id", "batch_seq", "last_batch_flag", "estimated_num_total").contains(name)) {
                problems.add("session has an unknown member " + name);
            }
        });
        return problems;
    }

    private static JsonNode parse(String text, String name, List<String> problems) {
        if (text == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (!node.isObject()) {
                problems.add(name + " must be a JSON object");
                return null;
            }
            return node;
        } catch (IOException e) {
            problems.add(name + " is not JSON: " + e.getMessage());
            return null;
        }
    }
}
