package dev.ownstack.warehouse.redshift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The marking that {@link RedshiftDialect#jsonNumber} applies to JSON_SERIALIZE's compact text,
 * replayed in Java on compact JSON written by Jackson: every string that is an object member's
 * value gets a {@code #} in front, nothing else changes, and the text stays valid JSON, also for
 * strings that end in a colon or hold quotes, and keys with quotes and colons.
 */
class RedshiftNumberMarkingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> DOCUMENTS = List.of(
            "{\"total\": 80, \"price\": \"10\", \"coupon\": \"SAVE:\", \"gift\": true, \"none\": null}",
            "{\"a\\\":\\\"b\": \"x\\\":\\\"y\", \"n\": -1.5e3, \"nested\": {\"k\": \"12\", \"m\": 3}, \"list\": [\"1\", 2, {\"z\": \"w\"}]}",
            "{\"key:\": \":\", \"\\\\\": \"\\\\\", \"empty\": \"\", \"unicode\": \"Zoë \\u00e9 😀\", \"control\": \"a\\nb\\\"\"}");

    @Test
    void the_dialect_marks_with_the_replacement_replayed_here() {
        String sql = RedshiftDialect.INSTANCE.jsonNumber("p", List.of("k"));
        assertTrue(sql.contains("REPLACE(JSON_SERIALIZE(p), '\":\"', '\":\"#')"), sql);
    }

    @Test
    void only_string_members_are_marked_and_the_text_stays_json() throws Exception {
        for (String document : DOCUMENTS) {
            JsonNode original = JSON.readTree(document);
            String compact = JSON.writeValueAsString(original);
            JsonNode marked = JSON.readTree(compact.replace("\":\"", "\":\"#"));
            assertEquals(expected(original), marked, compact);
        }
    }

    /** The document with every string member value prefixed by {@code #}, at every depth; array elements unchanged. */
    private static JsonNode expected(JsonNode node) {
        if (node.isObject()) {
            var copy = JSON.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getValue();
                copy.set(field.getKey(), value.isTextual() ? TextNode.valueOf("#" + value.asText()) : expected(value));
            }
            return copy;
        }
        if (node.isArray()) {
            var copy = JSON.createArrayNode();
            node.forEach(element -> copy.add(element.isTextual() ? element : expected(element)));
            return copy;
        }
        return node;
    }
}
