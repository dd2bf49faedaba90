package dev.ownstack.model.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.config.identity.IdentityConfig;
import dev.ownstack.model.identity.keys.BlockedValues;
import dev.ownstack.model.identity.keys.Normalisers;
import dev.ownstack.model.identity.keys.PhoneKey;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Extraction in the warehouse gives exactly the records, key values, statuses and fields that
 * the Java normalisers give value by value ({@link ReferenceExtraction}), on dirty data.
 */
class RecordExtractionTest {
    private final Warehouse warehouse = DuckDbWarehouse.inMemory();

    @AfterEach
    void close() {
        warehouse.close();
    }

    @Test
    void gives_every_record_key_value_and_status_the_java_normalisers_give() {
        MessyFixture.load(warehouse, 1, 600);
        assertSameAsReference(warehouse, MessyFixture.config(false));
    }

    @Test
    void gives_the_fields_of_probabilistic_matching_as_the_first_non_blank_text_stripped() {
        MessyFixture.load(warehouse, 2, 300);
        assertSameAsReference(warehouse, MessyFixture.config(true));
    }

    @Test
    void numbers_records_densely_source_by_source_and_the_records_of_several_rows_in_record_id_order() {
        MessyFixture.load(warehouse, 3, 200);
        extract(warehouse, MessyFixture.config(false));
        Object[] nodes = warehouse.queryAll("SELECT count(*), count(DISTINCT node), min(node), max(node) FROM identity.work_records")
                .rows().get(0);
        assertEquals(nodes[0], nodes[1]);
        assertEquals(0L, ((Number) nodes[2]).longValue());
        assertEquals(((Number) nodes[0]).longValue() - 1, ((Number) nodes[3]).longValue());
        // people and devices have records of several rows; accounts are one row each, numbered as they come
        assertEquals(0L, warehouse.queryAll("SELECT count(*) FROM identity.work_records a JOIN identity.work_records b"
                + " ON a.source = b.source AND a.source <> 'accounts' AND a.record_id < b.record_id AND a.node > b.node").singleValue());
        assertEquals(List.of("people", "accounts", "devices"), warehouse.queryAll("SELECT source FROM identity.work_records"
                + " GROUP BY source ORDER BY min(node)").rows().stream().map(row -> row[0]).toList());
    }

    static RecordExtraction.Extracted extract(Warehouse warehouse, IdentityConfig config) {
        IdentityTables.dropWork(warehouse);
        return new RecordExtraction(config, normalisers(config)).extract(warehouse, records -> { });
    }

    private static Normalisers normalisers(IdentityConfig config) {
        return new Normalisers(new PhoneKey(config.defaultRegion()), BlockedValues.defaults());
    }

    /** Extracts, then compares records, keys and fields with the reference, naming the first differences. */
    static void assertSameAsReference(Warehouse warehouse, IdentityConfig config) {
        ReferenceExtraction expected = new ReferenceExtraction(config, normalisers(config), warehouse);
        RecordExtraction.Extracted extracted = extract(warehouse, config);

        Map<String, List<Object>> records = new HashMap<>();
        for (Object[] row : warehouse.queryAll("SELECT source || '/' || record_id, precedence, updated_at FROM identity.work_records").rows()) {
            records.put((String) row[0], Arrays.asList(((Number) row[1]).longValue(), row[2]));
        }
        Map<String, List<Object>> expectedRecords = new HashMap<>();
        expected.records.forEach((record, values) -> expectedRecords.put(record, values.subList(1, 3)));
        assertEquals(expectedRecords, records);

        Set<List<Object>> keys = new HashSet<>();
        for (Object[] row : warehouse.queryAll("SELECT r.source || '/' || r.record_id, k.key_id, k.key_value, k.status FROM identity.work_keys k"
                + " JOIN identity.work_records r ON r.node = k.node").rows()) {
            keys.add(List.of(row[0], ((Number) row[1]).intValue(), row[2], row[3]));
        }
        assertEquals(List.of(), difference(expected.keys, keys), "key values the Java normalisers give but extraction does not");
        assertEquals(List.of(), difference(keys, expected.keys), "key values extraction gives but the Java normalisers do not");
        assertEquals(expected.keys.size(), extracted.keys());
        assertTrue(keys.stream().anyMatch(key -> key.get(3).equals("blocked")), "the data has blocked values");
        assertTrue(keys.size() > 500, "the data has many key values: " + keys.size());

        if (!expected.fields.isEmpty()) {
            Map<String, List<String>> fields = new HashMap<>();
            for (Object[] row : warehouse.queryAll("SELECT r.source || '/' || r.record_id, f.given, f.family FROM identity.work_fields f"
                    + " JOIN identity.work_records r ON r.node = f.node").rows()) {
                fields.put((String) row[0], Arrays.asList((String) row[1], (String) row[2]));
            }
            assertEquals(new HashMap<>(expected.fields), fields);
        }
    }

    private static List<List<Object>> difference(Set<List<Object>> from, Set<List<Object>> minus) {
        List<List<Object>> missing = new ArrayList<>();
        for (List<Object> key : from) {
            if (!minus.contains(key)) {
                missing.add(key);
            }
        }
        return missing.subList(0, Math.min(missing.size(), 20));
    }
}
