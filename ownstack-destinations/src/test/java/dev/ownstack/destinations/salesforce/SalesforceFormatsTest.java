package dev.ownstack.destinations.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ownstack.activation.destination.SyncRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CSV of Bulk API 2.0 and the SOQL string literals of lookups. */
class SalesforceFormatsTest {
    private final SalesforceRecords records = new SalesforceRecords("Contact", "Ownstack_Id__c");

    @Test
    void bulk_rows_quote_what_needs_quoting_and_read_back_the_same() {
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("LastName", "Zoë \"Ada\", Lovelace\nv1");
        first.put("Plan__c", null);
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("Visits__c", 3L);
        List<List<String>> rows = records.upsertRows(List.of(new SyncRecord("k,1", first), new SyncRecord("k2", second)));
        String csv = Csv.write(rows);
        assertEquals("Ownstack_Id__c,LastName,Plan__c,Visits__c\n\"k,1\",\"Zoë \"\"Ada\"\", Lovelace\nv1\",#N/A,\n"
                + "k2,,,3\n", csv);
        assertEquals(rows, Csv.rows(csv));
        assertEquals("Zoë \"Ada\", Lovelace\nv1", Csv.read(csv).get(0).get("LastName"));
    }

    @Test
    void values_are_written_as_salesforce_reads_them() {
        assertEquals("#N/A", SalesforceRecords.csv(null));
        assertEquals("2026-01-02", SalesforceRecords.csv(LocalDate.of(2026, 1, 2)));
        assertEquals("2026-01-02T03:04:05Z", SalesforceRecords.csv(Instant.parse("2026-01-02T03:04:05Z")));
        assertEquals("10000000000", SalesforceRecords.csv(1e10));
        assertEquals("0.10", SalesforceRecords.csv(new BigDecimal("0.10")));
        assertEquals("true", SalesforceRecords.csv(true));
    }

    @Test
    void soql_literals_escape_quotes_backslashes_and_line_breaks() {
        assertEquals("O\\'Brien \\\\ \\n", SObjectCollections.soql("O'Brien \\ \n"));
        assertEquals(List.of("O'Brien \\ \n", "plain"), FakeCollections.literals("'" + SObjectCollections.soql("O'Brien \\ \n") + "','plain'"));
    }
}
