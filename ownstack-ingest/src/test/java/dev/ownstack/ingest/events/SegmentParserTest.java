package dev.ownstack.ingest.events;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SegmentParserTest {
    private static final CollectorLimits LIMITS = new CollectorLimits(32 << 10, 500 << 10, 2_500, 64);
    private final SegmentParser parser = new SegmentParser(LIMITS);

    private String failure(Endpoint endpoint, byte[] body) {
        OwnstackException e = assertThrows(OwnstackException.class, () -> parser.parse(endpoint, body));
        assertEquals(ErrorCode.INPUT_INVALID, e.code(), e.getMessage());
        return e.getMessage();
    }

    private String failure(Endpoint endpoint, String body) {
        return failure(endpoint, body.getBytes(UTF_8));
    }

    @Test
    void refuses_an_empty_body() {
        assertEquals("body is empty; expected a JSON object", failure(Endpoint.TRACK, new byte[0]));
        assertEquals("body is empty; expected a JSON object", failure(Endpoint.BATCH, " \r\n\t"));
    }

    @Test
    void refuses_a_body_that_is_not_an_object() {
        assertEquals("body must be a JSON object, not an array", failure(Endpoint.BATCH, "[{\"type\":\"track\"}]"));
        assertEquals("body must be a JSON object, not a string", failure(Endpoint.TRACK, "\"hello\""));
        assertEquals("body must be a JSON object, not null", failure(Endpoint.TRACK, "null"));
    }

    @Test
    void names_where_malformed_json_breaks() {
        String message = failure(Endpoint.TRACK, "{\"userId\": \"u1\",}");
        assertTrue(message.startsWith("body is not valid JSON at line 1, column 17: Unexpected character ('}'"), message);
        message = failure(Endpoint.BATCH, "{\"batch\": [\n{\"type\": tru}]}");
        assertTrue(message.startsWith("body is not valid JSON at line 2, column "), message);
        assertTrue(message.contains("Unrecognized token 'tru'"), message);
        message = failure(Endpoint.TRACK, "{\"userId\": \"u1\"");
        assertTrue(message.startsWith("body is not valid JSON at line 1, column 16: Unexpected end-of-input"), message);
    }

    @Test
    void refuses_anything_after_the_object() {
        assertEquals("body has an object after its JSON object at line 1, column 17",
                failure(Endpoint.TRACK, "{\"userId\":\"u1\"} {\"userId\":\"u2\"}"));
    }

    @Test
    void fails_fast_on_deep_nesting_instead_of_overflowing_the_stack() {
        String deep = "{\"properties\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        String message = failure(Endpoint.TRACK, deep);
        assertTrue(message.startsWith("JSON nests deeper than 64 levels at line 1, column "), message);
        String deepBatch = "{\"batch\":[" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000) + "]}";
        message = failure(Endpoint.BATCH, deepBatch);
        assertTrue(message.startsWith("JSON nests deeper than 64 levels at line 1, column "), message);
    }

    @Test
    void accepts_nesting_up_to_the_limit() {
        // The body is level 1, so properties may nest 63 levels.
        String body = "{\"userId\":\"u1\",\"event\":\"e\",\"properties\":" + "[".repeat(63) + "]".repeat(63) + "}";
        assertEquals(1, parser.parse(Endpoint.TRACK, body.getBytes(UTF_8)).eventCount());
        String deeper = "{\"userId\":\"u1\",\"event\":\"e\",\"properties\":" + "[".repeat(64) + "]".repeat(64) + "}";
        assertTrue(failure(Endpoint.TRACK, deeper).startsWith("JSON nests deeper than 64 levels"));
    }

    @Test
    void refuses_invalid_utf8() {
        byte[] body = {'{', '"', 'u', 's', 'e', 'r', 'I', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        String message = failure(Endpoint.TRACK, body);
        assertTrue(message.startsWith("body is not valid JSON at line 1, column "), message);
        assertTrue(message.contains("Invalid UTF-8"), message);
        byte[] startByte = {'{', '"', 'u', '"', ':', '"', (byte) 0xFF, '"', '}'};
        assertTrue(failure(Endpoint.TRACK, startByte).contains("Invalid UTF-8 start byte 0xff"));
        byte[] encodedSurrogate = {'{', '"', 'u', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'};
        assertTrue(failure(Endpoint.TRACK, encodedSurrogate).contains("Invalid UTF-8"));
    }

    @Test
    void refuses_a_field_name_with_half_a_surrogate_pair() {
        String message = failure(Endpoint.IDENTIFY, "{\"userId\":\"u1\",\"traits\":{\"\\udc00\":1}}");
        assertTrue(message.startsWith("body is not valid JSON at line 1, column "), message);
        assertTrue(message.contains("surrogate"), message);
    }

    @Test
    void reads_utf16_bodies_with_a_byte_order_mark() {
        byte[] body = "\uFEFF{\"userId\":\"u1\",\"event\":\"Bought\"}".getBytes(StandardCharsets.UTF_16BE);
        assertEquals(1, parser.parse(Endpoint.TRACK, body).eventCount());
    }

    @Test
    void refuses_a_batch_body_without_a_batch() {
        assertEquals("body has no batch; a request to /v1/batch or /v1/import carries {\"batch\": [events]}",
                failure(Endpoint.BATCH, "{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"e\"}"));
        assertEquals("batch is empty; expected at least one event", failure(Endpoint.BATCH, "{\"batch\":[]}"));
        assertEquals("batch must be a list of events, not an object at line 1, column 10",
                failure(Endpoint.BATCH, "{\"batch\":{\"type\":\"track\"}}"));
        assertEquals("batch must be a list of events, not null at line 1, column 10", failure(Endpoint.BATCH, "{\"batch\":null}"));
        assertEquals("body has more than one batch at line 1, column 37",
                failure(Endpoint.BATCH, "{\"batch\":[{\"type\":\"alias\"}],\"batch\":[]}"));
    }

    @Test
    void refuses_a_batch_item_that_is_not_an_object() {
        assertEquals("batch item 1 is a string, not an object at line 1, column 20",
                failure(Endpoint.BATCH, "{\"batch\":[{\"a\":1}, \"x\"]}"));
        assertEquals("batch item 0 is an array, not an object at line 1, column 11", failure(Endpoint.BATCH, "{\"batch\":[[]]}"));
    }

    @Test
    void refuses_more_events_than_the_batch_limit() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("{\"batch\":[".getBytes(UTF_8));
        for (int i = 0; i < 3_000; i++) {
            body.writeBytes(((i == 0 ? "" : ",") + "{\"type\":\"track\",\"userId\":\"u" + i + "\",\"event\":\"e\"}").getBytes(UTF_8));
        }
        body.writeBytes("]}".getBytes(UTF_8));
        assertEquals("batch has 3000 events; at most 2500 are accepted per request", failure(Endpoint.BATCH, body.toByteArray()));
    }

    @Test
    void accepts_a_batch_of_exactly_the_limit() {
        StringBuilder body = new StringBuilder("{\"batch\":[");
        for (int i = 0; i < 2_500; i++) {
            body.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"userId\":\"u").append(i).append("\",\"event\":\"e\"}");
        }
        body.append("]}");
        assertEquals(2_500, parser.parse(Endpoint.BATCH, body.toString().getBytes(UTF_8)).eventCount());
    }

    @Test
    void takes_the_write_key_from_the_envelope_then_the_first_event() {
        assertEquals(Optional.of("envelope-key"), parser.parse(Endpoint.BATCH,
                "{\"writeKey\":\"envelope-key\",\"batch\":[{\"writeKey\":\"event-key\"}]}".getBytes(UTF_8)).bodyWriteKey());
        assertEquals(Optional.of("event-key"), parser.parse(Endpoint.BATCH,
                "{\"batch\":[{\"writeKey\":\"event-key\"},{\"writeKey\":\"other\"}]}".getBytes(UTF_8)).bodyWriteKey());
        assertEquals(Optional.of("event-key"), parser.parse(Endpoint.BATCH,
                "{\"writeKey\":\"\",\"batch\":[{\"writeKey\":\"event-key\"}]}".getBytes(UTF_8)).bodyWriteKey());
        assertEquals(Optional.of("single-key"), parser.parse(Endpoint.PAGE,
                "{\"writeKey\":\"single-key\",\"anonymousId\":\"a\"}".getBytes(UTF_8)).bodyWriteKey());
        assertEquals(Optional.empty(), parser.parse(Endpoint.TRACK, "{\"writeKey\":42}".getBytes(UTF_8)).bodyWriteKey());
        assertEquals(Optional.empty(), parser.parse(Endpoint.BATCH, "{\"batch\":[{}]}".getBytes(UTF_8)).bodyWriteKey());
    }

    @Test
    void counts_the_events_of_a_body() {
        assertEquals(1, parser.parse(Endpoint.IDENTIFY, "{}".getBytes(UTF_8)).eventCount());
        assertEquals(3, parser.parse(Endpoint.BATCH, "{\"batch\":[{},{},{}],\"sentAt\":null}".getBytes(UTF_8)).eventCount());
    }
}
