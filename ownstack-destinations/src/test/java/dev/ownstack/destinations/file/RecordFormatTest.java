package dev.ownstack.destinations.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class RecordFormatTest {
    @Test
    void csv_quotes_commas_quotes_and_line_breaks_and_doubles_quotes() throws IOException {
        String csv = csv(List.of("name", "note"), "k1", fields("name", "Lovelace, Ada", "note", "said \"hi\"\r\nthen left"));
        assertEquals("name,note,key\n\"Lovelace, Ada\",\"said \"\"hi\"\"\r\nthen left\",k1\n", csv);
    }

    @Test
    void csv_writes_null_as_an_empty_field_and_empty_text_quoted() throws IOException {
        String csv = csv(List.of("a", "b"), "k1", fields("a", null, "b", ""));
        assertEquals("a,b,key\n,\"\",k1\n", csv);
        List<List<String>> rows = CsvReader.rows(csv);
        assertEquals(Arrays.asList(null, "", "k1"), rows.get(1));
    }

    @Test
    void csv_is_utf8_without_byte_order_mark() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecordFormat.RowWriter writer = RecordFormat.CSV.open(out, List.of("name"), "key");
        writer.write("ключ", fields("name", "Zoë 東京 🙂"));
        writer.flush();
        byte[] bytes = out.toByteArray();
        assertFalse(bytes[0] == (byte) 0xEF, "no BOM");
        assertEquals("name,key\nZoë 東京 🙂,ключ\n", new String(bytes, StandardCharsets.UTF_8));
    }

    @Test
    void csv_takes_columns_by_header_name_in_mapping_order_then_key() throws IOException {
        String csv = csv(List.of("b", "a"), "k1", fields("a", "1", "b", "2"));
        assertEquals("b,a,key\n2,1,k1\n", csv);
    }

    @Test
    void values_are_written_as_plain_numbers_booleans_and_iso_times() throws IOException {
        Map<String, Object> fields = Values.normal(fields("l", 42L, "d", 1.50, "big", new BigDecimal("1E+3"), "flag", true,
                "at", Instant.parse("2026-01-02T03:04:05Z"), "day", LocalDate.parse("2026-01-02")));
        String csv = csv(List.copyOf(fields.keySet()), "k", fields);
        assertEquals("l,d,big,flag,at,day,key\n42,1.5,1000,true,2026-01-02T03:04:05Z,2026-01-02,k\n", csv);
        String json = jsonLines("k", fields);
        assertEquals("{\"l\":42,\"d\":1.5,\"big\":1000,\"flag\":true,\"at\":\"2026-01-02T03:04:05Z\",\"day\":\"2026-01-02\",\"k\":\"k\"}\n", json);
    }

    @Test
    void json_lines_keep_nulls_unicode_and_escapes_one_object_per_line() throws IOException {
        String json = jsonLines("k1", fields("name", "Zoë \"A\"\nB", "plan", null));
        assertEquals("{\"name\":\"Zoë \\\"A\\\"\\nB\",\"plan\":null,\"k\":\"k1\"}\n", json);
    }

    @Test
    void gzip_files_round_trip_through_the_manifest_reader() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            RecordFormat.RowWriter writer = RecordFormat.CSV.open(gzip, List.of("name", "plan"), "key");
            writer.write("k1", fields("name", "Zoë, \"Ada\"\n", "plan", null));
            writer.write("k2", fields("name", "", "plan", "gold"));
            writer.flush();
        }
        Map<String, Object> manifest = Map.of("format", "csv", "compression", "gzip", "key_column", "key");
        Map<String, Map<String, Object>> records = StoredRuns.records(manifest, bytes.toByteArray());
        assertEquals(fields("name", "Zoë, \"Ada\"\n", "plan", null), records.get("k1"));
        assertEquals(fields("name", "", "plan", "gold"), records.get("k2"));
    }

    private static String csv(List<String> columns, String key, Map<String, Object> fields) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecordFormat.RowWriter writer = RecordFormat.CSV.open(out, columns, "key");
        writer.write(key, fields);
        writer.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String jsonLines(String key, Map<String, Object> fields) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecordFormat.RowWriter writer = RecordFormat.JSON_LINES.open(out, List.copyOf(fields.keySet()), "k");
        writer.write(key, fields);
        writer.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }
}
