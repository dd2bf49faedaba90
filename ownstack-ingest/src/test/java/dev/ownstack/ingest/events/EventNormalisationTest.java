package dev.ownstack.ingest.events;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventNormalisationTest {
    private static final Instant RECEIVED_AT = Instant.parse("2026-11-26T05:40:00.123Z");
    private static final RequestMetadata METADATA = new RequestMetadata(RECEIVED_AT, "203.0.113.7");
    private static final CollectorLimits LIMITS = new CollectorLimits(32 << 10, 500 << 10, 2_500, 64);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SegmentParser parser = new SegmentParser(LIMITS);

    private NormalisedRequest normalise(Endpoint endpoint, String body) {
        return normalise(endpoint, body.getBytes(UTF_8));
    }

    private NormalisedRequest normalise(Endpoint endpoint, byte[] body) {
        return parser.parse(endpoint, body).normalise("web", METADATA);
    }

    private static byte[] fixture(String name) {
        try (InputStream in = EventNormalisationTest.class.getResourceAsStream("wire/" + name)) {
            if (in == null) {
                throw new AssertionError("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(LogRecord record) {
        try {
            return JSON.readTree(record.json());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> events(NormalisedRequest request) {
        List<JsonNode> events = new ArrayList<>();
        for (LogRecord record : request.records()) {
            assertEquals(LogRecord.Kind.EVENT, record.kind(), () -> new String(record.json(), UTF_8));
            assertEquals("web", record.source());
            events.add(json(record));
        }
        return events;
    }

    private static JsonNode onlyEvent(NormalisedRequest request) {
        List<JsonNode> events = events(request);
        assertEquals(1, events.size());
        return events.get(0);
    }

    /** The reason the only event of a one-event batch is rejected for. */
    private String rejectReason(String event) {
        NormalisedRequest request = normalise(Endpoint.BATCH, "{\"batch\":[" + event + "]}");
        assertEquals(1, request.rejected(), event);
        assertEquals(LogRecord.Kind.REJECT, request.records().get(0).kind());
        String reason = json(request.records().get(0)).get("reason").textValue();
        assertEquals(Optional.of(reason), request.firstRejectReason());
        return reason;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    @Test
    void merges_the_analytics_java_import_envelope_into_each_event() {
        NormalisedRequest request = normalise(Endpoint.BATCH, fixture("analytics-java-import.json"));
        assertEquals(2, request.accepted());
        assertEquals(0, request.rejected());
        assertEquals(Optional.empty(), request.firstRejectReason());
        List<JsonNode> events = events(request);

        JsonNode track = events.get(0);
        assertEquals("track", track.get("type").textValue());
        assertEquals("Order Completed", track.get("event").textValue());
        assertEquals("user-42", track.get("userId").textValue());
        assertEquals("a1f0c5a4-3a4e-4c1b-9d6f-2f1e8f3c7b21", track.get("messageId").textValue());
        assertEquals(39.95, track.get("properties").get("revenue").doubleValue());
        assertEquals("{\"library\":{\"name\":\"analytics-java\",\"version\":\"3.5.4\"},"
                + "\"instanceId\":\"0d1f9c6e-5b4a-4f3e-8d2c-1b0a9f8e7d6c\",\"ip\":\"203.0.113.7\"}", track.get("context").toString());
        assertEquals("2026-11-26T06:40:00.000Z", track.get("sentAt").textValue());
        assertEquals("2026-11-26T06:39:58.000Z", track.get("originalTimestamp").textValue());
        assertEquals("2026-11-26T05:40:00.123Z", track.get("receivedAt").textValue());
        // The client's clock is an hour ahead; the event happened 2 s before it was sent.
        assertEquals("2026-11-26T05:39:58.123Z", track.get("timestamp").textValue());
        assertFalse(track.has("writeKey"));
        assertFalse(track.has("sequence"), "envelope fields other than context, integrations and sentAt stay out");

        JsonNode identify = events.get(1);
        assertEquals("identify", identify.get("type").textValue());
        assertEquals("ada@example.com", identify.get("traits").get("email").textValue());
        assertEquals("2026-11-26T05:39:59.123Z", identify.get("timestamp").textValue());
    }

    @Test
    void normalises_an_analytics_node_batch() {
        List<JsonNode> events = events(normalise(Endpoint.BATCH, fixture("analytics-node-batch.json")));
        assertEquals(2, events.size());
        JsonNode track = events.get(0);
        assertEquals("node-next-1764135599000-6f1e2d3c-4b5a-4968-8776-655443322110", track.get("messageId").textValue());
        assertEquals("{\"nodeVersion\":\"22.11.0\",\"jsRuntime\":\"node\"}", track.get("_metadata").toString());
        assertEquals("2026-11-26T05:40:00.000Z", track.get("sentAt").textValue());
        assertEquals("2026-11-26T05:39:59.123Z", track.get("timestamp").textValue());
        JsonNode page = events.get(1);
        assertEquals("page", page.get("type").textValue());
        assertEquals("Pricing", page.get("name").textValue());
        assertEquals("anon-7", page.get("anonymousId").textValue());
        assertFalse(page.has("userId"));
        assertEquals("2026-11-26T05:39:59.500Z", page.get("originalTimestamp").textValue());
        assertEquals("2026-11-26T05:39:59.623Z", page.get("timestamp").textValue());
    }

    @Test
    void accepts_an_analytics_js_event_with_an_explicit_null_user_id() {
        JsonNode event = onlyEvent(normalise(Endpoint.TRACK, fixture("analytics-js-track.json")));
        assertFalse(event.has("userId"), "a null userId is left out rather than stored as null");
        assertEquals("b5e2c1d0-9f8e-4d7c-a6b5-c4d3e2f1a0b9", event.get("anonymousId").textValue());
        assertEquals("Button Clicked", event.get("event").textValue());
        assertFalse(event.has("writeKey"));
        assertEquals("203.0.113.7", event.get("context").get("ip").textValue());
        assertTrue(event.get("context").get("userAgent").textValue().contains("HeadlessChrome"));
        assertEquals("Home", event.get("context").get("page").get("title").textValue());
        assertEquals("[\"Segment.io\"]", event.get("_metadata").get("bundled").toString());
        assertEquals("2026-11-26T05:39:59.900Z", event.get("originalTimestamp").textValue());
        assertEquals("2026-11-26T05:40:00.023Z", event.get("timestamp").textValue());
        assertEquals(List.of("timestamp", "integrations", "type", "properties", "event", "messageId", "anonymousId", "context",
                "sentAt", "_metadata", "originalTimestamp", "receivedAt"), fieldNames(event), "fields keep the order they came in");
    }

    @Test
    void keeps_a_rudderstack_original_timestamp_and_channel() {
        JsonNode event = onlyEvent(normalise(Endpoint.BATCH, fixture("rudderstack-batch.json")));
        assertEquals("server", event.get("channel").textValue());
        assertEquals("2026-11-26T05:39:59.000Z", event.get("originalTimestamp").textValue());
        assertEquals("2026-11-26T05:39:59.123Z", event.get("timestamp").textValue());
        assertEquals("{\"All\":true}", event.get("integrations").toString());
        assertEquals("user-9", event.get("userId").textValue());
        assertEquals("anon-9", event.get("anonymousId").textValue());
    }

    @Test
    void corrects_a_client_clock_an_hour_fast_to_near_the_arrival_time() {
        JsonNode event = onlyEvent(normalise(Endpoint.TRACK, "{\"userId\":\"u1\",\"event\":\"Played\","
                + "\"timestamp\":\"2026-11-26T06:39:50.000Z\",\"sentAt\":\"2026-11-26T06:40:00.000Z\"}"));
        Instant corrected = Instant.parse(event.get("timestamp").textValue());
        assertEquals(Instant.parse("2026-11-26T05:39:50.123Z"), corrected);
        assertTrue(Duration.between(corrected, RECEIVED_AT).compareTo(Duration.ofSeconds(11)) < 0);
        assertEquals("2026-11-26T06:39:50.000Z", event.get("originalTimestamp").textValue(), "kept as sent");
    }

    @Test
    void corrects_times_sent_with_offsets_and_microseconds() {
        JsonNode event = onlyEvent(normalise(Endpoint.TRACK, "{\"userId\":\"u1\",\"event\":\"Played\","
                + "\"timestamp\":\"2026-11-26 07:39:59.500250+02:00\",\"sentAt\":\"2026-11-26T00:10:00-0530\"}"));
        assertEquals("2026-11-26T05:39:59.623Z", event.get("timestamp").textValue());
        assertEquals("2026-11-26 07:39:59.500250+02:00", event.get("originalTimestamp").textValue());
    }

    @Test
    void falls_back_to_the_client_time_then_the_arrival_time() {
        JsonNode withoutSentAt = onlyEvent(normalise(Endpoint.TRACK,
                "{\"userId\":\"u1\",\"event\":\"e\",\"timestamp\":\"2026-11-26T07:00:00+02:00\"}"));
        assertEquals("2026-11-26T05:00:00.000Z", withoutSentAt.get("timestamp").textValue());
        assertFalse(withoutSentAt.has("sentAt"));

        JsonNode onlySentAt = onlyEvent(normalise(Endpoint.TRACK,
                "{\"userId\":\"u1\",\"event\":\"e\",\"sentAt\":\"2026-11-26T07:00:00Z\"}"));
        assertEquals("2026-11-26T05:40:00.123Z", onlySentAt.get("timestamp").textValue());
        assertFalse(onlySentAt.has("originalTimestamp"));

        JsonNode none = onlyEvent(normalise(Endpoint.TRACK, "{\"userId\":\"u1\",\"event\":\"e\",\"timestamp\":null}"));
        assertEquals("2026-11-26T05:40:00.123Z", none.get("timestamp").textValue());
        assertEquals("2026-11-26T05:40:00.123Z", none.get("receivedAt").textValue());
    }

    @Test
    void prefers_timestamp_over_original_timestamp() {
        JsonNode event = onlyEvent(normalise(Endpoint.TRACK, "{\"userId\":\"u1\",\"event\":\"e\","
                + "\"timestamp\":\"2026-11-26T05:00:00Z\",\"originalTimestamp\":\"2026-11-26T04:00:00Z\"}"));
        assertEquals("2026-11-26T05:00:00Z", event.get("originalTimestamp").textValue());
        assertEquals("2026-11-26T05:00:00.000Z", event.get("timestamp").textValue());
    }

    @Test
    void keeps_a_skew_correction_that_would_leave_the_calendar_out() {
        JsonNode event = onlyEvent(normalise(Endpoint.TRACK, "{\"userId\":\"u1\",\"event\":\"e\","
                + "\"timestamp\":\"9999-01-01T00:00:00Z\",\"sentAt\":\"0001-01-01T00:00:00Z\"}"));
        assertEquals("9999-01-01T00:00:00.000Z", event.get("timestamp").textValue());
    }

    @Test
    void the_events_own_context_and_integrations_keys_win_over_the_envelopes() {
        JsonNode event = onlyEvent(normalise(Endpoint.BATCH, "{\"batch\":[{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"e\","
                + "\"context\":{\"library\":{\"name\":\"own\"},\"ip\":\"198.51.100.1\"},\"integrations\":{\"Amplitude\":false},"
                + "\"sentAt\":\"2026-11-26T05:40:00.000Z\"}],"
                + "\"context\":{\"library\":{\"name\":\"envelope\"},\"locale\":\"de-DE\"},\"integrations\":{\"All\":true,\"Amplitude\":true},"
                + "\"sentAt\":\"2026-11-26T05:00:00.000Z\"}"));
        assertEquals("{\"library\":{\"name\":\"own\"},\"ip\":\"198.51.100.1\",\"locale\":\"de-DE\"}", event.get("context").toString());
        assertEquals("{\"Amplitude\":false,\"All\":true}", event.get("integrations").toString());
        assertEquals("2026-11-26T05:40:00.000Z", event.get("sentAt").textValue(), "the event's own sentAt wins");
    }

    @Test
    void gives_each_event_its_own_copy_of_the_envelope_context() {
        List<JsonNode> events = events(normalise(Endpoint.BATCH, "{\"batch\":["
                + "{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"e\",\"context\":{\"ip\":\"198.51.100.1\"}},"
                + "{\"type\":\"track\",\"userId\":\"u2\",\"event\":\"e\"}],\"context\":{\"locale\":\"de-DE\"}}"));
        assertEquals("{\"ip\":\"198.51.100.1\",\"locale\":\"de-DE\"}", events.get(0).get("context").toString());
        assertEquals("{\"locale\":\"de-DE\",\"ip\":\"203.0.113.7\"}", events.get(1).get("context").toString());
    }

    @Test
    void sets_the_connections_ip_unless_the_client_set_one() {
        for (String context : new String[] {"", ",\"context\":null", ",\"context\":{\"ip\":\"\"}", ",\"context\":{\"ip\":42}"}) {
            JsonNode event = onlyEvent(normalise(Endpoint.TRACK, "{\"userId\":\"u1\",\"event\":\"e\"" + context + "}"));
            assertEquals("203.0.113.7", event.get("context").get("ip").textValue(), context);
        }
        JsonNode direct = onlyEvent(normalise(Endpoint.TRACK, "{\"userId\":\"u1\",\"event\":\"e\",\"context\":{\"ip\":\"2001:db8::1\"}}"));
        assertEquals("2001:db8::1", direct.get("context").get("ip").textValue());
    }

    @Test
    void a_single_event_endpoint_names_the_type_over_the_bodys() {
        JsonNode event = onlyEvent(normalise(Endpoint.IDENTIFY, "{\"type\":\"track\",\"userId\":\"u1\",\"traits\":{\"plan\":\"pro\"}}"));
        assertEquals("identify", event.get("type").textValue());
        JsonNode screen = onlyEvent(normalise(Endpoint.SCREEN, "{\"anonymousId\":\"a1\",\"name\":\"Home\"}"));
        assertEquals("screen", screen.get("type").textValue());
    }

    @Test
    void turns_numeric_ids_into_strings() {
        JsonNode event = onlyEvent(normalise(Endpoint.GROUP,
                "{\"userId\":12345,\"anonymousId\":1.5,\"groupId\":77,\"traits\":{\"employees\":12}}"));
        assertEquals("\"12345\"", event.get("userId").toString());
        assertEquals("\"1.5\"", event.get("anonymousId").toString());
        assertEquals("\"77\"", event.get("groupId").toString());
        assertEquals("12", event.get("traits").get("employees").toString(), "numbers elsewhere stay numbers");
        JsonNode big = onlyEvent(normalise(Endpoint.TRACK, "{\"userId\":123456789012345678901234567890,\"event\":\"e\"}"));
        assertEquals("123456789012345678901234567890", big.get("userId").textValue());
    }

    @Test
    void drops_empty_ids_and_keeps_the_one_that_is_there() {
        JsonNode event = onlyEvent(normalise(Endpoint.TRACK, "{\"userId\":\"\",\"anonymousId\":\"a1\",\"event\":\"e\"}"));
        assertFalse(event.has("userId"));
        assertEquals("a1", event.get("anonymousId").textValue());
    }

    @Test
    void generates_a_message_id_when_the_client_sent_none() {
        List<JsonNode> events = events(normalise(Endpoint.BATCH, "{\"batch\":["
                + "{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"e\"},"
                + "{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"e\",\"messageId\":\"\"},"
                + "{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"e\",\"messageId\":null}]}"));
        List<String> ids = new ArrayList<>();
        for (JsonNode event : events) {
            String id = event.get("messageId").textValue();
            assertTrue(id.startsWith("ows-"), id);
            assertEquals(id.substring(4), UUID.fromString(id.substring(4)).toString());
            ids.add(id);
        }
        assertEquals(3, ids.stream().distinct().count());
    }

    @Test
    void keeps_every_other_field_as_sent_but_the_write_key() {
        JsonNode event = onlyEvent(normalise(Endpoint.BATCH, "{\"batch\":[{\"type\":\"page\",\"anonymousId\":\"a1\","
                + "\"writeKey\":\"wk\",\"version\":2,\"channel\":\"web\",\"category\":\"Docs\",\"properties\":{\"path\":\"/\","
                + "\"nested\":{\"list\":[1,\"two\",null,true,{\"x\":1.25}]}},\"custom\":\"\uD83D\uDE00 ok\"}]}"));
        assertFalse(event.has("writeKey"));
        assertEquals(2, event.get("version").intValue());
        assertEquals("web", event.get("channel").textValue());
        assertEquals("Docs", event.get("category").textValue());
        assertEquals("{\"path\":\"/\",\"nested\":{\"list\":[1,\"two\",null,true,{\"x\":1.25}]}}", event.get("properties").toString());
        assertEquals("\uD83D\uDE00 ok", event.get("custom").textValue());
    }

    @Test
    void writes_characters_beyond_the_basic_plane_as_utf8() {
        LogRecord record = normalise(Endpoint.TRACK, "{\"userId\":\"u1\",\"event\":\"\\ud83d\\ude00\"}").records().get(0);
        assertTrue(new String(record.json(), UTF_8).contains("\"event\":\"\uD83D\uDE00\""), new String(record.json(), UTF_8));
    }

    @Test
    void batch_items_need_a_valid_type() {
        NormalisedRequest request = normalise(Endpoint.BATCH, "{\"batch\":["
                + "{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"e\"},"
                + "{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"e\"},"
                + "{\"type\":\"identify\",\"userId\":\"u1\"},"
                + "{\"userId\":\"u1\",\"event\":\"e\"},"
                + "{\"type\":\"click\",\"userId\":\"u1\"},"
                + "{\"type\":\"Track\",\"userId\":\"u1\"}]}");
        assertEquals(3, request.accepted());
        assertEquals(3, request.rejected());
        assertEquals(Optional.of("event 3 has no valid type (none given; expected track, identify, page, screen, group or alias)"),
                request.firstRejectReason());
        assertEquals("event 4 has no valid type (\"click\"; expected track, identify, page, screen, group or alias)",
                json(request.records().get(4)).get("reason").textValue());
        assertEquals("event 5 has no valid type (\"Track\"; expected track, identify, page, screen, group or alias)",
                json(request.records().get(5)).get("reason").textValue());
    }

    @Test
    void rejects_an_event_without_any_id() {
        assertEquals("event 0 has neither userId nor anonymousId", rejectReason("{\"type\":\"track\",\"event\":\"e\"}"));
        assertEquals("event 0 has neither userId nor anonymousId",
                rejectReason("{\"type\":\"track\",\"event\":\"e\",\"userId\":\"\",\"anonymousId\":null}"));
    }

    @Test
    void rejects_ids_of_the_wrong_type() {
        assertEquals("event 0 has userId {\"id\":1}: an object, not a string",
                rejectReason("{\"type\":\"track\",\"event\":\"e\",\"userId\":{\"id\":1}}"));
        assertEquals("event 0 has anonymousId [\"a\"]: an array, not a string",
                rejectReason("{\"type\":\"track\",\"event\":\"e\",\"userId\":\"u1\",\"anonymousId\":[\"a\"]}"));
        assertEquals("event 0 has groupId true: a boolean, not a string",
                rejectReason("{\"type\":\"group\",\"userId\":\"u1\",\"groupId\":true}"));
        assertEquals("event 0 has name {}: an object, not a string", rejectReason("{\"type\":\"page\",\"userId\":\"u1\",\"name\":{}}"));
    }

    @Test
    void rejects_a_track_without_an_event_name() {
        assertEquals("event 0 is a track without an event name", rejectReason("{\"type\":\"track\",\"userId\":\"u1\"}"));
        assertEquals("event 0 is a track without an event name", rejectReason("{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"\"}"));
        assertEquals("event 0 is a track without an event name", rejectReason("{\"type\":\"track\",\"userId\":\"u1\",\"event\":null}"));
        assertEquals("event 0 is a track whose event is 7: a number, not a string",
                rejectReason("{\"type\":\"track\",\"userId\":\"u1\",\"event\":7}"));
    }

    @Test
    void rejects_an_alias_without_previous_id_and_a_group_without_group_id() {
        assertEquals("event 0 is an alias without previousId", rejectReason("{\"type\":\"alias\",\"userId\":\"u1\"}"));
        assertEquals("event 0 is an alias without previousId", rejectReason("{\"type\":\"alias\",\"userId\":\"u1\",\"previousId\":\"\"}"));
        assertEquals("event 0 is a group without groupId", rejectReason("{\"type\":\"group\",\"userId\":\"u1\"}"));
        JsonNode alias = onlyEvent(normalise(Endpoint.ALIAS, "{\"userId\":\"u1\",\"previousId\":99}"));
        assertEquals("99", alias.get("previousId").textValue());
    }

    @Test
    void rejects_objects_of_the_wrong_type() {
        assertEquals("event 0 has properties [1,2]: an array, not an object",
                rejectReason("{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"e\",\"properties\":[1,2]}"));
        assertEquals("event 0 has traits \"vip\": a string, not an object",
                rejectReason("{\"type\":\"identify\",\"userId\":\"u1\",\"traits\":\"vip\"}"));
        assertEquals("event 0 has context 3: a number, not an object",
                rejectReason("{\"type\":\"identify\",\"userId\":\"u1\",\"context\":3}"));
        assertEquals("event 0 has integrations true: a boolean, not an object",
                rejectReason("{\"type\":\"identify\",\"userId\":\"u1\",\"integrations\":true}"));
    }

    @Test
    void rejects_a_message_id_that_is_not_a_short_string() {
        assertEquals("event 0 has messageId 42: a number, not a string",
                rejectReason("{\"type\":\"identify\",\"userId\":\"u1\",\"messageId\":42}"));
        String longId = "m".repeat(101);
        assertEquals("event 0 has a messageId of 101 characters; at most 100 are accepted",
                rejectReason("{\"type\":\"identify\",\"userId\":\"u1\",\"messageId\":\"" + longId + "\"}"));
        JsonNode atLimit = onlyEvent(normalise(Endpoint.IDENTIFY, "{\"userId\":\"u1\",\"messageId\":\"" + "m".repeat(100) + "\"}"));
        assertEquals(100, atLimit.get("messageId").textValue().length());
    }

    @Test
    void rejects_times_that_are_not_iso_8601() {
        assertEquals("event 0 has timestamp \"yesterday\", which is not an ISO-8601 time",
                rejectReason("{\"type\":\"identify\",\"userId\":\"u1\",\"timestamp\":\"yesterday\"}"));
        assertEquals("event 0 has originalTimestamp 1764135600000, which is not an ISO-8601 time",
                rejectReason("{\"type\":\"identify\",\"userId\":\"u1\",\"originalTimestamp\":1764135600000}"));
        assertEquals("event 0 has sentAt \"2026-02-30T00:00:00Z\", which is not an ISO-8601 time",
                rejectReason("{\"type\":\"identify\",\"userId\":\"u1\",\"sentAt\":\"2026-02-30T00:00:00Z\"}"));
        NormalisedRequest request = normalise(Endpoint.BATCH, "{\"batch\":[{\"type\":\"identify\",\"userId\":\"u1\"}],\"sentAt\":\"soon\"}");
        assertEquals(Optional.of("event 0 has the batch's sentAt \"soon\", which is not an ISO-8601 time"), request.firstRejectReason());
    }

    @Test
    void rejects_every_event_of_a_batch_whose_context_is_not_an_object() {
        NormalisedRequest request = normalise(Endpoint.BATCH, "{\"batch\":[{\"type\":\"identify\",\"userId\":\"u1\"},"
                + "{\"type\":\"identify\",\"userId\":\"u2\"}],\"context\":\"web\"}");
        assertEquals(0, request.accepted());
        assertEquals(2, request.rejected());
        assertEquals("event 1 comes with a batch context \"web\": a string, not an object",
                json(request.records().get(1)).get("reason").textValue());
    }

    @Test
    void rejects_text_the_warehouses_cannot_store() {
        assertEquals("event 0 has a NUL character or an unpaired surrogate in properties.note, which cannot be stored",
                rejectReason("{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"e\",\"properties\":{\"note\":\"a\\u0000b\"}}"));
        assertEquals("event 0 has a NUL character or an unpaired surrogate in properties.list.[1], which cannot be stored",
                rejectReason("{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"e\",\"properties\":{\"list\":[\"ok\",\"\\ud800\"]}}"));
        assertEquals("event 0 has a NUL character or an unpaired surrogate in traits.a\uFFFD, which cannot be stored",
                rejectReason("{\"type\":\"identify\",\"userId\":\"u1\",\"traits\":{\"a\\u0000\":1}}"));
        // An overlong encoding of NUL that the UTF-8 decoder lets through.
        byte[] overlong = "{\"userId\":\"u1\",\"event\":\"e?\"}".getBytes(UTF_8);
        overlong = replaceQuestionMark(overlong, new byte[] {(byte) 0xC0, (byte) 0x80});
        assertEquals(Optional.of("event 0 has a NUL character or an unpaired surrogate in event, which cannot be stored"),
                normalise(Endpoint.TRACK, overlong).firstRejectReason());
    }

    @Test
    void rejects_unstorable_text_wherever_it_is_in_a_long_body() {
        String clean = "{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"e\",\"properties\":{\"note\":\"fine\"}}";
        for (String escape : List.of("\\u0000", "\\U0000".toLowerCase(Locale.ROOT), "\\uD800", "\\udfff", "\\uDc00x")) {
            for (int padding = 0; padding < 9; padding++) {
                String bad = "{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"e\",\"properties\":{\"note\":\""
                        + "x".repeat(padding) + escape + "\"}}";
                NormalisedRequest request = normalise(Endpoint.BATCH, "{\"batch\":[" + clean + "," + bad + "," + clean + "]}");
                assertEquals(2, request.accepted(), bad);
                assertEquals(Optional.of("event 1 has a NUL character or an unpaired surrogate in properties.note, which cannot be stored"),
                        request.firstRejectReason(), bad);
            }
        }
        assertEquals(Optional.of("event 0 comes with a batch whose context.x has a NUL character or an unpaired surrogate, which cannot be stored"),
                normalise(Endpoint.BATCH, "{\"batch\":[" + clean + "],\"context\":{\"x\":\"\\uDE00\"}}").firstRejectReason());
        // Three- and four-byte overlong forms that the UTF-8 decoder turns into NUL or half a pair.
        for (byte[] overlong : List.of(new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0x80},
                new byte[] {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0x80})) {
            byte[] body = replaceQuestionMark("{\"userId\":\"u1\",\"event\":\"e?\"}".getBytes(UTF_8), overlong);
            NormalisedRequest request = normalise(Endpoint.TRACK, body);
            String text = json(request.records().get(0)).path("event").asText("");
            assertTrue(request.rejected() == 1 || StorableText.isStorable(text), text);
        }
    }

    @Test
    void skipping_the_text_search_for_a_clean_body_changes_no_record() throws IOException {
        EventNormaliser normaliser = new EventNormaliser(com.fasterxml.jackson.databind.json.JsonMapper.builder().build(), LIMITS);
        for (String name : List.of("analytics-java-import.json", "analytics-node-batch.json", "rudderstack-batch.json")) {
            byte[] body = fixture(name);
            assertFalse(StorableText.mayHoldUnstorable(body), name);
            List<List<String>> results = new ArrayList<>();
            for (boolean checkText : new boolean[] {true, false}) {
                com.fasterxml.jackson.databind.node.ObjectNode envelope = JSON.createObjectNode();
                List<ObjectFields> events = new ArrayList<>();
                try (com.fasterxml.jackson.core.JsonParser reader = JSON.createParser(body)) {
                    reader.nextToken();
                    while (reader.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                        String field = reader.currentName();
                        reader.nextToken();
                        if (field.equals("batch")) {
                            while (reader.nextToken() == com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                                events.add(ObjectFields.read(reader, EventFields.EVENT, checkText));
                            }
                        } else {
                            envelope.set(field, JSON.readTree(reader));
                        }
                    }
                }
                NormalisedRequest request = normaliser.normalise(Endpoint.BATCH, body, envelope, 0, events, checkText, "web", METADATA);
                List<String> records = new ArrayList<>();
                for (LogRecord record : request.records()) {
                    records.add(record.kind() + " " + new String(record.json(), UTF_8).replaceAll("ows-[0-9a-f-]{36}", "ows-generated"));
                }
                results.add(records);
            }
            assertEquals(results.get(0), results.get(1), name);
        }
    }

    private static byte[] replaceQuestionMark(byte[] text, byte[] replacement) {
        byte[] out = new byte[text.length - 1 + replacement.length];
        int o = 0;
        for (byte b : text) {
            if (b == '?') {
                System.arraycopy(replacement, 0, out, o, replacement.length);
                o += replacement.length;
            } else {
                out[o++] = b;
            }
        }
        return out;
    }

    @Test
    void rejects_an_oversized_event_and_keeps_the_others_of_its_batch() {
        String big = "{\"type\":\"track\",\"userId\":\"u2\",\"event\":\"e\",\"messageId\":\"m2\",\"properties\":{\"blob\":\""
                + "x".repeat(40_000) + "\"},\"writeKey\":\"secret-ish\"}";
        String body = "{\"batch\":[{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"e\"}, " + big
                + " ,{\"type\":\"track\",\"userId\":\"u3\",\"event\":\"e\"}]}";
        NormalisedRequest request = normalise(Endpoint.BATCH, body);
        assertEquals(2, request.accepted());
        assertEquals(1, request.rejected());
        List<LogRecord> records = request.records();
        assertEquals(List.of(LogRecord.Kind.EVENT, LogRecord.Kind.REJECT, LogRecord.Kind.EVENT),
                records.stream().map(LogRecord::kind).toList(), "records keep the events' order");
        assertEquals("u1", json(records.get(0)).get("userId").textValue());
        assertEquals("u3", json(records.get(2)).get("userId").textValue());

        JsonNode reject = json(records.get(1));
        String expected = String.format(Locale.ROOT, "event 1 is %,d bytes; the limit is 32,768", big.length());
        assertEquals(expected, reject.get("reason").textValue());
        assertEquals("event 1 is 40,108 bytes; the limit is 32,768", expected, "the size as sent");
        assertEquals(List.of("reason", "messageId", "receivedAt", "ip", "payload"), fieldNames(reject));
        assertEquals("m2", reject.get("messageId").textValue());
        assertEquals("2026-11-26T05:40:00.123Z", reject.get("receivedAt").textValue());
        assertEquals("203.0.113.7", reject.get("ip").textValue());
        JsonNode payload = readTree(reject.get("payload").textValue());
        assertFalse(payload.has("writeKey"), "write keys stay out of rejects too");
        assertEquals(40_000, payload.get("properties").get("blob").textValue().length());
    }

    @Test
    void counts_the_batch_context_into_each_events_size() {
        String context = "{\"note\":\"" + "c".repeat(20_000) + "\"}";
        String event = "{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"e\",\"properties\":{\"p\":\"" + "p".repeat(13_000) + "\"}}";
        NormalisedRequest request = normalise(Endpoint.BATCH, "{\"batch\":[" + event + "],\"context\":" + context + "}");
        String expected = String.format(Locale.ROOT,
                "event 0 is %,d bytes with the batch's context and integrations; the limit is 32,768", event.length() + context.length());
        assertEquals(Optional.of(expected), request.firstRejectReason());
    }

    @Test
    void cuts_a_rejects_payload_at_64k_characters() {
        String event = "{\"userId\":\"u1\",\"event\":\"e\",\"messageId\":7,\"properties\":{\"blob\":\"" + "y".repeat(70_000) + "\"}}";
        NormalisedRequest request = normalise(Endpoint.TRACK, event);
        assertEquals(1, request.rejected());
        JsonNode reject = json(request.records().get(0));
        assertTrue(reject.get("messageId").isNull(), "a messageId that is not a string is not repeated");
        assertEquals(65_536, reject.get("payload").textValue().length());
        assertEquals(event.substring(0, 65_536), reject.get("payload").textValue(), "the event as sent, cut");
    }

    @Test
    void a_single_event_request_reports_its_reject_reason() {
        NormalisedRequest request = normalise(Endpoint.TRACK, "{\"anonymousId\":\"a1\"}");
        assertEquals(0, request.accepted());
        assertEquals(1, request.rejected());
        assertEquals(Optional.of("event 0 is a track without an event name"), request.firstRejectReason());
        JsonNode reject = json(request.records().get(0));
        assertEquals("{\"anonymousId\":\"a1\"}", reject.get("payload").textValue());
        assertTrue(reject.get("messageId").isNull());
    }

    @Test
    void normalises_a_typical_batch_of_a_hundred_events() {
        StringBuilder body = new StringBuilder("{\"batch\":[");
        for (int i = 0; i < 100; i++) {
            body.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"event\":\"Product Viewed\",\"userId\":\"user-").append(i)
                    .append("\",\"anonymousId\":\"4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f\",\"messageId\":\"msg-").append(i)
                    .append("\",\"timestamp\":\"2026-11-26T05:39:59.").append(100 + i).append("Z\",\"properties\":{\"sku\":\"SKU-")
                    .append(i).append("\",\"price\":19.99,\"currency\":\"EUR\",\"quantity\":1},\"context\":{\"library\":")
                    .append("{\"name\":\"analytics-node\",\"version\":\"3.1.0\"},\"locale\":\"en-US\",\"userAgent\":\"Mozilla/5.0\"}}");
        }
        body.append("],\"sentAt\":\"2026-11-26T05:40:00.000Z\",\"writeKey\":\"wk\"}");
        NormalisedRequest request = normalise(Endpoint.BATCH, body.toString());
        assertEquals(100, request.accepted());
        List<JsonNode> events = events(request);
        for (int i = 0; i < 100; i++) {
            JsonNode event = events.get(i);
            assertEquals("msg-" + i, event.get("messageId").textValue());
            assertEquals(String.format("2026-11-26T05:39:59.%03dZ", 223 + i), event.get("timestamp").textValue());
        }
    }

    @Test
    void a_request_is_normalised_once() {
        ParsedRequest parsed = parser.parse(Endpoint.TRACK, "{\"userId\":\"u1\",\"event\":\"e\"}".getBytes(UTF_8));
        parsed.normalise("web", METADATA);
        OwnstackException e = assertThrows(OwnstackException.class, () -> parsed.normalise("web", METADATA));
        assertEquals(ErrorCode.INTERNAL, e.code());
    }

    private static JsonNode readTree(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
