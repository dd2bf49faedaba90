package dev.ownstack.ingest.singer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One line of a tap's standard output, as the Singer specification defines it
 * (https://github.com/singer-io/getting-started/blob/master/docs/SPEC.md): SCHEMA, RECORD and
 * STATE; other types (ACTIVATE_VERSION, BATCH) are kept only by name, to be counted.
 */
sealed interface SingerMessage {
    ObjectMapper JSON = new ObjectMapper();

    record Schema(String stream, JsonNode schema, List<String> keyProperties) implements SingerMessage {
        public Schema {
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(schema, "schema");
            keyProperties = List.copyOf(keyProperties);
        }
    }

    record Record(String stream, ObjectNode record) implements SingerMessage {
        public Record {
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(record, "record");
        }
    }

    record State(JsonNode value) implements SingerMessage {
        public State {
            Objects.requireNonNull(value, "value");
        }
    }

    record Other(String type) implements SingerMessage {
        public Other {
            Objects.requireNonNull(type, "type");
        }
    }

    /**
     * Parses one line. A line that is not a JSON object with a known shape is an EXTERNAL error
     * naming the source, the line number and the start of the line (masked, since a tap may
     * print its configuration).
     */
    static SingerMessage parse(String line, long lineNumber, String source, UnaryOperator<String> mask) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw invalid(source, lineNumber, line, "is not JSON", mask);
        }
        if (node == null || !node.isObject() || !node.path("type").isTextual()) {
            throw invalid(source, lineNumber, line, "is not a Singer message (a JSON object with a \"type\")", mask);
        }
        String type = node.get("type").asText();
        return switch (type) {
            case "SCHEMA" -> new Schema(stream(node, source, lineNumber, line, mask), object(node, "schema", source, lineNumber, line, mask),
                    keys(node.path("key_properties")));
            case "RECORD" -> new Record(stream(node, source, lineNumber, line, mask),
                    (ObjectNode) object(node, "record", source, lineNumber, line, mask));
            case "STATE" -> {
                if (!node.has("value")) {
                    throw invalid(source, lineNumber, line, "is a STATE message without \"value\"", mask);
                }
                yield new State(node.get("value"));
            }
            default -> new Other(type);
        };
    }

    private static String stream(JsonNode node, String source, long lineNumber, String line, UnaryOperator<String> mask) {
        JsonNode stream = node.path("stream");
        if (!stream.isTextual() || stream.asText().isEmpty()) {
            throw invalid(source, lineNumber, line, "is a " + node.get("type").asText() + " message without \"stream\"", mask);
        }
        return stream.asText();
    }

    private static JsonNode object(JsonNode node, String field, String source, long lineNumber, String line, UnaryOperator<String> mask) {
        JsonNode value = node.path(field);
        if (!value.isObject()) {
            throw invalid(source, lineNumber, line, "is a " + node.get("type").asText() + " message whose \"" + field
                    + "\" is not an object", mask);
        }
        return value;
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.forEach(key -> keys.add(key.asText()));
        return keys;
    }

    private static OwnstackException invalid(String source, long lineNumber, String line, String problem, UnaryOperator<String> mask) {
        String start = line.length() > 120 ? line.substring(0, 120) + "..." : line;
        return new OwnstackException(ErrorCode.SOURCE_FAILED, "tap of source '" + source + "': output line " + lineNumber + " "
                + problem + ": " + mask.apply(start));
    }
}
