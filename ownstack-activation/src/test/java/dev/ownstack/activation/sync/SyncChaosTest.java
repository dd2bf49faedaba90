package dev.ownstack.activation.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.activation.audience.testing.SettableClock;
import dev.ownstack.activation.destination.Capabilities;
import dev.ownstack.activation.destination.Destinations;
import dev.ownstack.activation.destination.Operation;
import dev.ownstack.activation.destination.RateLimit;
import dev.ownstack.activation.destination.testing.FixedDestinationFactory;
import dev.ownstack.activation.destination.testing.FlakyDestination;
import dev.ownstack.activation.destination.testing.InMemoryDestination;
import dev.ownstack.activation.sync.delivery.DeliveryPolicy;
import dev.ownstack.activation.sync.delivery.Senders;
import dev.ownstack.core.config.syncs.DestinationDefinition;
import dev.ownstack.core.config.syncs.SyncDefinition;
import dev.ownstack.core.config.syncs.SyncGuardrails;
import dev.ownstack.core.config.syncs.SyncMode;
import dev.ownstack.core.config.syncs.SyncSource;
import dev.ownstack.core.config.syncs.SyncTrigger;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A mirror sync of a few thousand people to a destination that fails a fifth of its requests, in
 * the four ways destinations fail (429 with Retry-After, 500, no answer in time, records rejected
 * inside a 200), over several runs with the source changing between them. Afterwards the
 * destination holds exactly the source, and no record was sent more often than its failures
 * required.
 */
class SyncChaosTest {
    static final int PEOPLE = 3000;
    static final String QUERY = "SELECT id, email, name, score FROM model.people";

    @Test
    void a_flaky_destination_ends_equal_to_the_source_without_needless_resends() {
        Capabilities capabilities = new Capabilities(EnumSet.allOf(Operation.class), 40, 0, 4,
                Optional.of(new RateLimit(200, Duration.ofMillis(100))), false);
        InMemoryDestination memory = new InMemoryDestination(capabilities);
        FlakyDestination flaky = new FlakyDestination(memory,
                FlakyDestination.Faults.evenly(0.2, Duration.ofMillis(20), Duration.ofMillis(500), 0.5).withPermanentShare(0.25), 6);
        DeliveryPolicy policy = DeliveryPolicy.DEFAULT.withBackoff(Duration.ofMillis(1), Duration.ofMillis(20), 6)
                .withWriteTimeout(Duration.ofMillis(150));
        SettableClock clock = new SettableClock(Instant.parse("2026-02-01T08:00:00Z"));
        try (Warehouse warehouse = DuckDbWarehouse.inMemory();
             Senders senders = new Senders(new Destinations(List.of(new FixedDestinationFactory("flaky", flaky, capabilities))), policy)) {
            warehouse.execute("CREATE SCHEMA model");
            warehouse.execute("CREATE TABLE model.people AS SELECT 'p' || lpad(i::VARCHAR, 5, '0') AS id, 'p' || i || '@example.com' AS email,"
                    + " 'Person ' || i AS name, i / 10.0 AS score FROM range(1, ?) t(i)", PEOPLE + 1);
            SyncService service = new SyncService(warehouse, SyncCatalog.of(Map.of("people", sync("crm")),
                    Map.of("crm", new DestinationDefinition("crm", "flaky", Map.of()))), senders, clock);

            Map<String, Integer> needed = new HashMap<>();
            Map<String, Map<String, Object>> before = Map.of();
            List<SyncRun> runs = new ArrayList<>();
            for (int step = 0; step < 4; step++) {
                if (step > 0) {
                    change(warehouse, step);
                }
                Map<String, Map<String, Object>> source = source(warehouse);
                countChanges(before, source, needed);
                before = source;
                clock.advance(Duration.ofMinutes(10));
                runs.add(service.run("people", false));
            }
            for (int rerun = 0; rerun < 10 && !(memory.records().equals(before) && openErrors(service, before).isEmpty()); rerun++) {
                clock.advance(Duration.ofMinutes(10));
                runs.add(service.run("people", false));
            }

            assertEquals(before, memory.records(), "the destination equals the source; runs: " + describe(runs));
            assertEquals(List.of(), openErrors(service, before), "no record of the source is left rejected");
            // on DuckDB the state has no declared key: the writer alone keeps one row per record
            assertEquals(List.of(before.size(), before.size()), List.of(warehouse.queryAll("SELECT count(*), count(DISTINCT record_key)"
                    + " FROM ownstack.sync_state WHERE sync = 'people'").rows().get(0)).stream().map(n -> ((Number) n).intValue()).toList());
            assertTrue(runs.size() < 10, "converged in " + runs.size() + " runs: " + describe(runs));
            int writes = (int) flaky.writes();
            long faults = 0;
            for (FlakyDestination.Fault fault : FlakyDestination.Fault.values()) {
                assertTrue(flaky.faults(fault) > 0, "no write failed with " + fault);
                faults += flaky.faults(fault);
            }
            assertTrue(faults > writes * 0.1 && faults < writes * 0.3, faults + " of " + writes + " writes failed");
            List<String> oversent = new ArrayList<>();
            Set<String> keys = new HashSet<>(needed.keySet());
            keys.addAll(flaky.sendsByKey().keySet());
            for (String key : keys) {
                int allowed = needed.getOrDefault(key, 0) + flaky.failures(key);
                if (flaky.sends(key) > allowed) {
                    oversent.add(key + " sent " + flaky.sends(key) + " times, changed " + needed.getOrDefault(key, 0) + ", failed "
                            + flaky.failures(key));
                }
            }
            assertEquals(List.of(), oversent);
            assertTrue(runs.stream().anyMatch(run -> run.status() == SyncRunStatus.PARTIAL), "some records were rejected on the way");
        }
    }

    static SyncDefinition sync(String destination) {
        Map<String, String> mapping = new LinkedHashMap<>();
        mapping.put("email", "email");
        mapping.put("full_name", "name");
        mapping.put("score", "score");
        return new SyncDefinition("people", new SyncSource.Query(QUERY), destination, "id", mapping, SyncMode.MIRROR, new SyncTrigger.Manual(),
                new SyncGuardrails(1, false), Duration.ofDays(7));
    }

    /** Renames about one in twelve, removes about one in twenty-five, and adds a hundred and fifty people. */
    static void change(Warehouse warehouse, int step) {
        warehouse.execute("UPDATE model.people SET name = name || ' v' || ? WHERE hash(id || ?) % 12 = 0", step, "rename" + step);
        warehouse.execute("DELETE FROM model.people WHERE hash(id || ?) % 25 = 0", "remove" + step);
        warehouse.execute("INSERT INTO model.people SELECT 'n' || ? || '-' || i, 'n' || i || '@example.com', 'New ' || i, NULL"
                + " FROM range(0, 150) t(i)", step);
    }

    /** The source as the destination should hold it: id → mapped fields. */
    static Map<String, Map<String, Object>> source(Warehouse warehouse) {
        Map<String, Map<String, Object>> records = new TreeMap<>();
        for (Object[] row : warehouse.queryAll(QUERY).rows()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("email", row[1]);
            fields.put("full_name", row[2]);
            fields.put("score", row[3] == null ? null : ((Number) row[3]).doubleValue());
            records.put((String) row[0], fields);
        }
        return records;
    }

    /** Adds one to each key added, changed or removed between two versions of the source. */
    static void countChanges(Map<String, Map<String, Object>> before, Map<String, Map<String, Object>> after, Map<String, Integer> needed) {
        Set<String> keys = new HashSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            if (!Objects.equals(before.get(key), after.get(key))) {
                needed.merge(key, 1, Integer::sum);
            }
        }
    }

    /** The errors of records still in the source (an error of a record that left the source before it was accepted stays listed). */
    static List<SyncError> openErrors(SyncService service, Map<String, Map<String, Object>> source) {
        return service.errors("people", 1000).stream().filter(error -> source.containsKey(error.recordKey())).toList();
    }

    static String describe(List<SyncRun> runs) {
        return String.join("; ", runs.stream().map(run -> run.runId() + " " + run.status() + " " + run.message()).toList());
    }
}
