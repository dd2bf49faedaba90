package dev.ownstack.server.syncs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.activation.destination.Destinations;
import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.core.config.ProjectConfigLoader;
import dev.ownstack.core.config.syncs.DestinationDefinition;
import dev.ownstack.warehouse.PostgresTestDatabase;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.Warehouses;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saved destinations and syncs on PostgreSQL: written, read back by a new process in the same order, secrets sealed and kept. */
class SavedSyncsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "pg-secret-token-7";

    @TempDir
    Path project;
    private PostgresTestDatabase database;

    @BeforeEach
    void open() {
        database = PostgresTestDatabase.create();
    }

    @AfterEach
    void close() {
        database.close();
    }

    private ProjectSyncs syncs() {
        ProjectConfig config = new ProjectConfigLoader(name -> Optional.empty()).parse(project, "ownstack.yml", """
                warehouse: {type: duckdb, path: ':memory:'}
                audiences:
                  gb: {rule: {all: [{trait: country, operator: equals, value: GB}]}}
                """);
        return new ProjectSyncs(config, () -> Warehouses.open(database.config(), message -> { }),
                new Destinations(List.of(new MemoryDestinationFactory())), Clock.systemUTC(), SyncAlerts.NONE,
                SecretBox.forProject(project, name -> Optional.empty()), name -> Optional.empty());
    }

    @Test
    void saves_and_reads_back_destinations_and_syncs_with_sealed_secrets() throws Exception {
        try (ProjectSyncs first = syncs()) {
            first.saveDestination("crm", JSON.readTree("{\"type\": \"memory\", \"settings\": {\"url\": \"ok:pg\", \"token\": \"" + SECRET + "\"}}"),
                    true, "ann");
            first.saveSync("gb-crm", JSON.readTree("""
                    {"source": {"audience": "gb"}, "destination": "crm", "identifier": "customer_id",
                     "mapping": {"zeta": "email", "alpha": "country", "mid": "customer_id"}, "schedule": "@daily"}"""), true, "ann");
            first.saveDestination("crm", JSON.readTree("{\"type\": \"memory\", \"settings\": {\"url\": \"ok:pg2\"}}"), false, "bob");
        }
        try (ProjectSyncs second = syncs(); Warehouse warehouse = Warehouses.open(database.config(), message -> { })) {
            assertEquals(List.of("zeta", "alpha", "mid"), List.copyOf(second.definition("gb-crm").mapping().keySet()));
            assertTrue(second.editableSync("gb-crm"));
            assertTrue(second.nextRun(second.definition("gb-crm")).isPresent());
            DestinationDefinition crm = second.destinations().get("crm");
            assertEquals(Map.of("url", "ok:pg2", "token", SECRET), crm.settings());
            assertEquals(List.of(), second.destinations().problems(crm));
            Object[] row = warehouse.queryAll("SELECT settings, secrets, updated_by FROM ownstack.destinations").rows().get(0);
            assertFalse(row[0].toString().contains(SECRET) || row[1].toString().contains(SECRET));
            assertEquals("bob", row[2]);
            second.deleteSync("gb-crm");
            second.deleteDestination("crm");
            assertEquals(List.of(), second.definitions());
            assertEquals(List.of(), second.destinations().all());
        }
    }
}
