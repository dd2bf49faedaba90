package dev.ownstack.server.syncs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.ownstack.activation.destination.Destinations;
import dev.ownstack.core.config.AlertsConfig;
import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.server.auth.AuditEntry;
import dev.ownstack.server.auth.AuditLog;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scheduler's runner over a real engine: it runs, and it alerts instead of throwing. */
class ProjectSyncsTest {
    private static final TableName PEOPLE = new TableName("model", "people");

    private final Warehouse held = DuckDbWarehouse.inMemory();
    private final List<String> alerts = new CopyOnWriteArrayList<>();
    private HttpServer receiver;
    private ProjectSyncs syncs;
    private final AuditLog audit = new AuditLog(held::openSibling);

    @BeforeEach
    void start() throws IOException {
        MemoryDestinationFactory.STORES.remove("ok:crm");
        held.ensureTable(PEOPLE, List.of(new Column("id", ColumnType.STRING), new Column("email", ColumnType.STRING)), List.of());
        people(10);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/alerts", exchange -> {
            alerts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        ProjectConfig config = DestinationApiTest.project("""
                  mirror: {source: {query: 'select id, email from model.people'}, destination: crm, identifier: id,
                           mapping: {email: email}, mode: mirror, schedule: '@hourly'}
                  to-broken: {source: {query: 'select id, email from model.people'}, destination: broken, identifier: id,
                              mapping: {email: email}}
                """);
        SyncAlerts sender = new SyncAlerts(Optional.of(new AlertsConfig(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort()
                + "/alerts"), Optional.empty())), Clock.systemUTC());
        syncs = new ProjectSyncs(config, held::openSibling, new Destinations(List.of(new MemoryDestinationFactory())), Clock.systemUTC(), sender);
    }

    private void people(int count) {
        held.execute("delete from model.people");
        try (RowWriter writer = held.append(PEOPLE, List.of("id", "email"))) {
            for (int i = 0; i < count; i++) {
                writer.write(new Object[] {"p" + i, "p" + i + "@example.com"});
            }
        }
    }

    @AfterEach
    void stop() {
        syncs.close();
        receiver.stop(0);
        held.close();
    }

    @Test
    void the_scheduled_runner_runs_the_sync_and_stays_quiet_when_it_succeeds() {
        syncs.scheduledRunner(audit).run("mirror", "schedule @hourly");
        assertEquals(10, MemoryDestinationFactory.STORES.get("ok:crm").size());
        assertEquals(List.of(), alerts);
        AuditEntry entry = audit.page(10, 0, "").entries().get(0);
        assertEquals(List.of("scheduler", "sync.run", "mirror", AuditEntry.SUCCESS), List.of(entry.actor(), entry.action(), entry.target(),
                entry.outcome()));
        assertEquals("schedule @hourly", entry.detail().path("reason").asText());
        assertEquals(1, entry.detail().path("runId").asLong());
    }

    @Test
    void a_scheduled_run_that_stops_for_approval_is_alerted_with_the_approve_command() {
        syncs.scheduledRunner(audit).run("mirror", "schedule @hourly");
        people(2);
        syncs.scheduledRunner(audit).run("mirror", "schedule @hourly");
        assertEquals(10, MemoryDestinationFactory.STORES.get("ok:crm").size());
        assertEquals(1, alerts.size(), alerts.toString());
        assertTrue(alerts.get(0).contains("\"type\":\"sync.run.awaiting_approval\""), alerts.get(0));
        assertTrue(alerts.get(0).contains("\"approve\":\"ownstack sync approve 2\""), alerts.get(0));
    }

    @Test
    void a_sync_that_cannot_start_is_alerted_and_does_not_throw() {
        syncs.scheduledRunner(audit).run("to-broken", "schedule");
        assertEquals(1, alerts.size(), alerts.toString());
        assertTrue(alerts.get(0).contains("\"type\":\"sync.run.failed\""), alerts.get(0));
        assertTrue(alerts.get(0).contains("destinations.broken.url: required"), alerts.get(0));
        AuditEntry entry = audit.page(10, 0, "scheduler").entries().get(0);
        assertEquals("to-broken", entry.target());
        assertTrue(!entry.outcome().equals(AuditEntry.SUCCESS), entry.outcome());
    }

    @Test
    void knows_when_a_scheduled_sync_runs_next() {
        assertTrue(syncs.nextRun(syncs.definition("mirror")).isPresent());
        assertEquals(Optional.empty(), syncs.nextRun(syncs.definition("to-broken")));
    }
}
