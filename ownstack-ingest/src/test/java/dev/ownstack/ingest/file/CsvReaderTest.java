package dev.ownstack.ingest.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    /** Each record as "line: field|field|..." with a trailing "!problem" when malformed. */
    private static List<String> read(String text, char delimiter, char quote) throws IOException {
        List<String> records = new ArrayList<>();
        try (CsvReader reader = new CsvReader(new StringReader(text), delimiter, quote)) {
            while (reader.next()) {
                List<String> fields = new ArrayList<>();
                for (int i = 0; i < reader.fieldCount(); i++) {
                    fields.add(reader.field(i));
                }
                records.add(reader.line() + ": " + String.join("|", fields) + (reader.problem() == null ? "" : " !" + reader.problem()));
            }
        }
        return records;
    }

    private static List<String> read(String text) throws IOException {
        return read(text, ',', '"');
    }

    @Test
    void reads_quoted_fields_holding_delimiters_doubled_quotes_and_line_breaks() throws IOException {
        assertEquals(List.of("1: a|b,c|say \"hi\"|two\nlines"), read("a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\"\n"));
    }

    @Test
    void numbers_each_record_by_the_physical_line_it_starts_on() throws IOException {
        assertEquals(List.of("1: h1|h2", "2: x|multi\nline\ntext", "5: y|z", "6: w|crlf\r\ninside"),
                read("h1,h2\nx,\"multi\nline\ntext\"\ny,z\r\nw,\"crlf\r\ninside\"\r\n"));
    }

    @Test
    void ends_records_at_crlf_lf_or_a_lone_cr() throws IOException {
        assertEquals(List.of("1: a|b", "2: c|d", "3: e|f", "4: g|h"), read("a,b\r\nc,d\ne,f\rg,h"));
    }

    @Test
    void drops_a_byte_order_mark_before_the_header() throws IOException {
        assertEquals(List.of("1: id|name", "2: 1|x"), read("\uFEFFid,name\n1,x\n"));
    }

    @Test
    void reads_a_custom_delimiter_and_quote() throws IOException {
        assertEquals(List.of("1: a|b;c|'q'|"), read("a;'b;c';'''q''';\n", ';', '\''));
    }

    @Test
    void skips_empty_lines_but_keeps_counting_them() throws IOException {
        assertEquals(List.of("1: a|b", "4: c|d"), read("a,b\n\n\r\nc,d\n\n"));
    }

    @Test
    void keeps_an_empty_last_field_and_a_last_record_without_a_line_break() throws IOException {
        assertEquals(List.of("1: a||", "2: b|c"), read("a,,\nb,c"));
    }

    @Test
    void tells_an_empty_quoted_field_from_an_unquoted_one() throws IOException {
        try (CsvReader reader = new CsvReader(new StringReader("\"\",\n"), ',', '"')) {
            assertTrue(reader.next());
            assertTrue(reader.quoted(0));
            assertFalse(reader.quoted(1));
            assertEquals("", reader.field(0));
            assertEquals("", reader.field(1));
        }
    }

    @Test
    void reports_a_quote_never_closed_with_the_line_it_was_opened_on() throws IOException {
        assertEquals(List.of("1: a|b", "2: c|open\nto the end\n !a quoted field opened on line 2 is never closed"),
                read("a,b\nc,\"open\nto the end\n"));
    }

    @Test
    void reports_text_after_a_closing_quote() throws IOException {
        assertEquals(List.of("1: ab c|d !text after the closing quote of field 1"), read("\"ab\" c,d\n"));
    }

    @Test
    void reads_fields_longer_than_its_buffer() throws IOException {
        String longText = "x".repeat(200_000);
        String longQuoted = "y\"".repeat(100_000);
        try (CsvReader reader = new CsvReader(new StringReader(longText + ",\"" + longQuoted.replace("\"", "\"\"") + "\"\r\nend,1\n"), ',', '"')) {
            assertTrue(reader.next());
            assertEquals(longText, reader.field(0));
            assertEquals(longQuoted, reader.field(1));
            assertNull(reader.problem());
            assertTrue(reader.next());
            assertEquals(2, reader.line());
            assertEquals("end", reader.field(0));
            assertFalse(reader.next());
        }
    }
}
