package dev.ownstack.cli.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

class WellFormedFilesTest {

    @TempDir
    Path temporary;

    @Test
    void csv_fields_with_commas_quotes_and_line_breaks_are_quoted_and_read_back_unchanged() throws IOException {
        List<String> values = List.of("plain", "Baker, Lane & Sons", "Hartley \"Home\"", "two\nlines", "",
                "Zoë Ó Súilleabháin", "\"", ",");
        Path path = temporary.resolve("values.csv");
        OutputFile file = new OutputFile("values.csv", path, false, "a,b,c,d,e,f,g,h", true);
        CsvLine line = new CsvLine(file).start();
        values.forEach(line::text);
        line.end();
        file.finish(null);
        file.close();
        assertEquals("a,b,c,d,e,f,g,h\nplain,\"Baker, Lane & Sons\",\"Hartley \"\"Home\"\"\",\"two\nlines\",,"
                + "Zoë Ó Súilleabháin,\"\"\"\",\",\"\n", Files.readString(path));
        assertEquals(List.of(values), CsvTable.read(path).rows());
    }

    @Test
    void strict_reader_rejects_a_bare_quote_so_the_checks_below_can_fail() {
        assertThrows(IllegalStateException.class,
                () -> CsvTable.parse(new StringReader("a,b\nx\"y,z\n"), "inline"));
        assertThrows(IllegalStateException.class,
                () -> CsvTable.parse(new StringReader("a,b\n\"x\"y,z\n"), "inline"));
    }

    @Test
    void json_strings_escape_quotes_backslashes_and_control_characters() {
        StringBuilder text = new StringBuilder();
        JsonLine.appendString(text, "say \"hi\"\\\n\t\u0001é");
        assertEquals("\"say \\\"hi\\\"\\\\\\n\\t\\u0001é\"", text.toString());
        assertEquals("say \"hi\"\\\n\t\u0001é", SampleData.parse("{\"v\":" + text + "}").get("v").asText());
    }

    @Test
    void money_has_two_decimal_places_and_a_sign() {
        StringBuilder text = new StringBuilder();
        Money.append(text, -1205);
        text.append(' ');
        Money.append(text, 7);
        assertEquals("-12.05 0.07", text.toString());
    }

    @Test
    void every_generated_csv_parses_strictly_with_the_documented_header() {
        assertHeader(OutputFiles.CRM_CONTACTS, "contact_id,first_name,last_name,email,phone,company,address_line,"
                + "city,postcode,country,created_at,notes");
        assertHeader(OutputFiles.SHOP_CUSTOMERS, "customer_id,email,first_name,last_name,phone,accepts_marketing,"
                + "address_line,city,postcode,country,created_at");
        assertHeader(OutputFiles.ORDERS, "order_id,customer_id,ordered_at,status,currency,total");
        assertHeader(OutputFiles.ORDER_ITEMS, "order_id,line,sku,product_name,quantity,unit_price,refunded_quantity");
        assertHeader(OutputFiles.TRANSACTIONS, "transaction_id,order_id,customer_id,type,occurred_at,currency,amount");
        assertHeader(OutputFiles.TRUTH, "source,record_id,person_id");
    }

    @Test
    void generated_csv_contains_values_that_need_quoting() {
        CsvTable crm = SampleData.csv(OutputFiles.CRM_CONTACTS);
        assertTrue(crm.column("company").stream().anyMatch(company -> company.contains(",")));
        assertTrue(crm.column("notes").stream().anyMatch(note -> note.contains("\n")));
        assertTrue(crm.column("notes").stream().anyMatch(note -> note.contains("\"")));
        assertTrue(SampleData.csv(OutputFiles.ORDER_ITEMS).column("product_name").stream()
                .anyMatch(name -> name.contains(",")));
    }

    @Test
    void every_json_line_is_one_object_and_timestamps_are_iso_utc_inside_the_window() {
        SampleData.jsonLines(OutputFiles.EVENTS).forEach(event -> assertInWindow(event.get("timestamp"), event));
        SampleData.jsonLines(OutputFiles.NEWSLETTER_SIGNUPS)
                .forEach(signup -> assertInWindow(signup.get("timestamp_signup"), signup));
        for (String timestamp : SampleData.csv(OutputFiles.TRANSACTIONS).column("occurred_at")) {
            assertInWindow(timestamp, timestamp);
        }
    }

    private static void assertHeader(String fileName, String header) {
        CsvTable table = SampleData.csv(fileName);
        assertEquals(List.of(header.split(",")), table.header());
        assertFalse(table.rows().isEmpty(), fileName + " is empty");
    }

    private static void assertInWindow(JsonNode timestamp, Object context) {
        assertTrue(timestamp != null && timestamp.isTextual(), "timestamp missing in " + context);
        assertInWindow(timestamp.asText(), context);
    }

    private static void assertInWindow(String timestamp, Object context) {
        assertTrue(timestamp.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z"), "format of " + context);
        assertTrue(timestamp.compareTo(ReferenceWindow.START.toString()) >= 0
                && timestamp.compareTo("2025-01-01T00:00:00.000Z") < 0, "outside the window: " + context);
    }
}
