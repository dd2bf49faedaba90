package dev.ownstack.ingest.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SegmentTimestampsTest {

    private static Instant parse(String text) {
        return SegmentTimestamps.parse(text).orElseThrow(() -> new AssertionError("not read: " + text));
    }

    @Test
    void reads_the_forms_sdks_send() {
        Instant expected = Instant.parse("2026-11-26T05:40:00.123Z");
        assertEquals(expected, parse("2026-11-26T05:40:00.123Z"));
        assertEquals(expected, parse("2026-11-26t05:40:00.123z"));
        assertEquals(expected, parse("2026-11-26 05:40:00.123Z"));
        assertEquals(expected, parse("2026-11-26T06:40:00.123+01:00"));
        assertEquals(expected, parse("2026-11-26T00:10:00.123-0530"));
        assertEquals(expected, parse("2026-11-26T07:40:00.123+02"));
        assertEquals(expected, parse("2026-11-26T05:40:00,123Z"));
        assertEquals(expected, parse("2026-11-26T05:40:00.123"), "no zone is UTC");
        assertEquals(Instant.parse("2026-11-26T05:40:00Z"), parse("2026-11-26T05:40:00Z"));
        assertEquals(Instant.parse("2026-11-26T05:40:00Z"), parse("2026-11-26T05:40Z"));
        assertEquals(Instant.parse("2026-11-26T00:00:00Z"), parse("2026-11-26"));
        assertEquals(Instant.parse("2026-11-26T05:40:00.123456Z"), parse("2026-11-26T05:40:00.123456Z"));
        assertEquals(Instant.parse("2026-11-26T05:40:00.123456789Z"), parse("2026-11-26T05:40:00.123456789Z"));
        assertEquals(Instant.parse("2026-11-26T05:40:00.500Z"), parse("2026-11-26T05:40:00.5Z"));
        assertEquals(Instant.parse("2024-02-29T23:59:59Z"), parse("2024-02-29T23:59:59Z"));
        assertEquals(Instant.parse("0001-01-01T00:00:00Z"), parse("0001-01-01T00:00:00Z"), "Go's zero time");
    }

    @Test
    void agrees_with_java_time_across_the_calendar() {
        LocalDateTime time = LocalDateTime.of(1, 1, 1, 0, 0);
        while (time.getYear() < 9999) {
            String text = time + (time.getSecond() == 0 ? ":00" : "") + "Z";
            assertEquals(time.toInstant(ZoneOffset.UTC), parse(text), text);
            time = time.plusDays(97).plusHours(5).plusMinutes(7).plusSeconds(13);
        }
    }

    @Test
    void refuses_what_is_not_an_iso_time_in_the_warehouses_range() {
        for (String text : new String[] {"", "yesterday", "1764135600000", "2026-11-26T05:40:00.123Zjunk",
                "2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-31T00:00:00Z", "2026-11-26T24:00:00Z",
                "2026-11-26T05:60:00Z", "2026-11-26T05:40:60Z", "2026-11-26T05:40:00.Z", "2026-11-26T05:40:00.1234567891Z",
                "2026-11-26T05:40:00+19:00", "2026-11-26T05:40:00+1", "2026-11-26X05:40:00Z", "26-11-26T05:40:00Z",
                "0000-01-01T00:00:00Z", "0001-01-01T00:00:00+01:00", "2026/11/26", "2026-11-26T5:40:00Z", "+2026-11-26T05:40:00Z"}) {
            assertEquals(Optional.empty(), SegmentTimestamps.parse(text), text);
        }
    }

    @Test
    void writes_utc_with_milliseconds() {
        assertEquals("2026-11-26T05:40:00.123Z", SegmentTimestamps.format(Instant.parse("2026-11-26T05:40:00.123456Z")));
        assertEquals("2026-11-26T05:40:00.000Z", SegmentTimestamps.format(Instant.parse("2026-11-26T05:40:00Z")));
        assertEquals("1969-12-31T23:59:59.999Z", SegmentTimestamps.format(Instant.parse("1969-12-31T23:59:59.999Z")));
        assertEquals("0001-01-01T00:00:00.000Z", SegmentTimestamps.format(SegmentTimestamps.MIN));
        assertEquals("9999-12-31T23:59:59.999Z", SegmentTimestamps.format(SegmentTimestamps.MAX));
    }

    @Test
    void writes_what_java_time_writes_across_the_calendar() {
        Instant time = SegmentTimestamps.MIN;
        while (time.isBefore(SegmentTimestamps.MAX)) {
            String iso = time.toString();
            String expected = iso.substring(0, 19) + ".000Z";
            assertEquals(expected, SegmentTimestamps.format(time), iso);
            assertTrue(SegmentTimestamps.parse(expected).isPresent(), expected);
            time = time.plusSeconds(3_187_001L * 11);
        }
    }
}
