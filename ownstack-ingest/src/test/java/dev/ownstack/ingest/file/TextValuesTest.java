package dev.ownstack.ingest.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.ownstack.core.table.ColumnType;
import dev.ownstack.ingest.file.RecordReader.TextTyping;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TextValuesTest {

    private static ColumnType csv(String text) {
        return TextValues.detect(text, TextTyping.ANY);
    }

    @Test
    void detects_the_narrowest_type_of_csv_text() {
        assertEquals(ColumnType.BIGINT, csv("-42"));
        assertEquals(ColumnType.BIGINT, csv("0"));
        assertEquals(ColumnType.DOUBLE, csv("2.55"));
        assertEquals(ColumnType.DOUBLE, csv("17850.0"));
        assertEquals(ColumnType.DOUBLE, csv("1e-3"));
        assertEquals(ColumnType.BOOLEAN, csv("TRUE"));
        assertEquals(ColumnType.DATE, csv("2011-02-28"));
        assertEquals(ColumnType.TIMESTAMP, csv("2010-12-01 08:26:00"));
        assertEquals(ColumnType.TIMESTAMP, csv("2010-12-01T08:26:00.123456"));
        assertEquals(ColumnType.TIMESTAMP, csv("2010-12-01 08:26"));
        assertEquals(ColumnType.TIMESTAMPTZ, csv("2010-12-01T08:26:00Z"));
        assertEquals(ColumnType.TIMESTAMPTZ, csv("2010-12-01 08:26:00+05:30"));
        assertEquals(ColumnType.STRING, csv("C536379"));
        assertEquals(ColumnType.STRING, csv("85123A"));
        assertNull(csv("  "));
    }

    @Test
    void keeps_codes_that_only_look_like_numbers_or_dates_as_text() {
        assertEquals(ColumnType.STRING, csv("00501"), "leading zeros");
        assertEquals(ColumnType.STRING, csv("012.5"), "leading zeros");
        assertEquals(ColumnType.STRING, csv("123456789012345678901234"), "beyond 64 bits");
        assertEquals(ColumnType.STRING, csv("2011-02-30"), "no such day");
        assertEquals(ColumnType.STRING, csv("0000-01-01"), "no year 0");
        assertEquals(ColumnType.STRING, csv("2011-02-28 25:00:00"), "no such hour");
        assertEquals(ColumnType.STRING, csv("NaN"));
        assertEquals(ColumnType.STRING, csv("0x1F"));
        assertEquals(ColumnType.STRING, csv("1,5"));
    }

    @Test
    void json_strings_are_only_ever_text_or_dates() {
        assertEquals(ColumnType.STRING, TextValues.detect("42", TextTyping.TEMPORAL_ONLY));
        assertEquals(ColumnType.STRING, TextValues.detect("true", TextTyping.TEMPORAL_ONLY));
        assertEquals(ColumnType.TIMESTAMPTZ, TextValues.detect("2024-01-31T10:00:00+01:00", TextTyping.TEMPORAL_ONLY));
        assertEquals(ColumnType.STRING, TextValues.detect("2024-01-31", TextTyping.NONE));
    }

    @Test
    void parses_bigints_to_the_edges_of_64_bits_and_no_further() {
        assertEquals(Long.MAX_VALUE, TextValues.parseBigint("9223372036854775807"));
        assertEquals(Long.MIN_VALUE, TextValues.parseBigint("-9223372036854775808"));
        assertEquals(7L, TextValues.parseBigint(" +007 "));
        assertSame(TextValues.INVALID, TextValues.parseBigint("9223372036854775808"));
        assertSame(TextValues.INVALID, TextValues.parseBigint("1.0"));
        assertSame(TextValues.INVALID, TextValues.parseBigint("-"));
    }

    @Test
    void parses_timestamps_with_fractions_and_offsets() {
        assertEquals(LocalDate.of(2024, 2, 29), TextValues.parseTemporal("2024-02-29"));
        assertEquals(LocalDateTime.of(2024, 2, 29, 23, 59, 58, 120_000_000), TextValues.parseTemporal("2024-02-29 23:59:58.12"));
        assertEquals(OffsetDateTime.of(2024, 2, 29, 1, 2, 3, 0, ZoneOffset.ofHoursMinutes(-3, -30)),
                TextValues.parseTemporal("2024-02-29T01:02:03-0330"));
        assertEquals(OffsetDateTime.of(2024, 2, 29, 1, 2, 0, 0, ZoneOffset.ofHours(2)), TextValues.parseTemporal("2024-02-29 01:02 +02"));
        assertSame(TextValues.INVALID, TextValues.parseTemporal("2024-02-29T01:02:03.1234567890"));
        assertSame(TextValues.INVALID, TextValues.parseTemporal("2024-02-29T01:02:03 CET"));
    }

    @Test
    void converts_values_only_where_nothing_is_lost() {
        assertEquals(5L, ValueConversion.convert(5.0, ColumnType.BIGINT));
        assertSame(TextValues.INVALID, ValueConversion.convert(5.5, ColumnType.BIGINT));
        assertSame(TextValues.INVALID, ValueConversion.convert("C536379", ColumnType.BIGINT));
        assertNull(ValueConversion.convert(" ", ColumnType.DOUBLE));
        assertEquals(" ", ValueConversion.convert(" ", ColumnType.STRING));
        assertEquals("536365", ValueConversion.convert(536365L, ColumnType.STRING));
        assertEquals(OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), ValueConversion.convert("2024-01-01", ColumnType.TIMESTAMPTZ));
        assertSame(TextValues.INVALID, ValueConversion.convert("2024-01-01T00:00:00Z", ColumnType.TIMESTAMP));
        assertEquals("{\"a\": 1}", ValueConversion.convert("{\"a\": 1}", ColumnType.JSON));
        assertSame(TextValues.INVALID, ValueConversion.convert("{not json", ColumnType.JSON));
        assertEquals(Boolean.FALSE, ValueConversion.convert("no", ColumnType.BOOLEAN));
    }
}
