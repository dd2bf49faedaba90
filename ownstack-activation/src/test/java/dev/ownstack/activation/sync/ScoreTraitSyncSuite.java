package dev.ownstack.activation.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.activation.audience.ModelCatalog;
import dev.ownstack.activation.audience.testing.SettableClock;
import dev.ownstack.activation.destination.testing.InMemoryDestination;
import dev.ownstack.activation.sync.testing.FixedSenderProvider;
import dev.ownstack.core.config.audiences.AudienceDefinition;
import dev.ownstack.core.config.audiences.AudienceParser;
import dev.ownstack.core.config.syncs.ConsentConfig;
import dev.ownstack.core.config.syncs.DestinationDefinition;
import dev.ownstack.core.config.syncs.SyncDefinition;
import dev.ownstack.core.config.syncs.SyncGuardrails;
import dev.ownstack.core.config.syncs.SyncMode;
import dev.ownstack.core.config.syncs.SyncSource;
import dev.ownstack.core.config.syncs.SyncTrigger;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.warehouse.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Audience sources whose mapping names score traits (columns of {@code model.customer_scores}):
 * each member is sent with its scores, and with no value for a score it has not got. c1 and c2
 * are scored, c3 is not.
 */
abstract class ScoreTraitSyncSuite {
    private static final Instant START = Instant.parse("2025-03-01T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    protected Warehouse warehouse;
    private final SettableClock clock = new SettableClock(START);
    private final InMemoryDestination destination = InMemoryDestination.withBatches(10, false);

    protected abstract Warehouse open();

    protected void dispose() {
    }

    @BeforeEach
    void load() {
        warehouse = open();
        warehouse.ensureTable(ModelCatalog.CUSTOMERS, List.of(new Column("customer_id", ColumnType.STRING),
                new Column("email", ColumnType.STRING)), List.of());
        warehouse.execute("INSERT INTO model.customers VALUES ('c1', 'a@example.com'), ('c2', 'b@example.com'), ('c3', 'c@example.com')");
        warehouse.ensureTable(ModelCatalog.CUSTOMER_SCORES, List.of(new Column("customer_id", ColumnType.STRING),
                new Column("churn_decile", ColumnType.BIGINT), new Column("ltv_value", ColumnType.DOUBLE)), List.of());
        warehouse.execute("INSERT INTO model.customer_scores VALUES ('c1', 10, 250.5), ('c2', 3, NULL)");
    }

    @AfterEach
    void close() {
        warehouse.close();
        dispose();
    }

    private static AudienceDefinition audience(String name, String rule) {
        try {
            return AudienceDefinition.of(name, AudienceParser.parseRule(JSON.readTree(rule.replace('\'', '"'))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SyncService service(String audience) {
        Map<String, String> mapping = new LinkedHashMap<>();
        mapping.put("email", "email");
        mapping.put("churn", "churn_decile");
        mapping.put("ltv", "ltv_value");
        SyncDefinition sync = new SyncDefinition("braze", new SyncSource.Audience(audience), "memory", "customer_id", mapping,
                SyncMode.UPSERT, new SyncTrigger.Manual(), new SyncGuardrails(1.0, false), SyncDefinition.DEFAULT_RETRY_WINDOW);
        Map<String, AudienceDefinition> audiences = Map.of(
                "everyone", audience("everyone", "{'trait': 'email', 'operator': 'is-set'}"),
                "at_risk", audience("at_risk", "{'trait': 'churn_decile', 'operator': 'greater-or-equal', 'value': 9}"));
        return new SyncService(warehouse, SyncCatalog.of(Map.of("braze", sync), Map.of("memory", new DestinationDefinition("memory",
                "memory", Map.of())), audiences, Optional.of(START), ConsentConfig.NONE),
                new FixedSenderProvider().with("memory", destination), clock);
    }

    private SyncRun run(SyncService service) {
        clock.advance(Duration.ofMinutes(10));
        SyncRun run = service.run("braze", false);
        assertEquals(SyncRunStatus.SUCCEEDED, run.status(), run.message());
        return run;
    }

    private static Map<String, Object> fields(String email, Object churn, Object ltv) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("email", email);
        fields.put("churn", churn);
        fields.put("ltv", ltv);
        return fields;
    }

    /** The sent fields with numbers as longs and doubles, so that both engines compare alike. */
    private Map<String, Map<String, Object>> received() {
        Map<String, Map<String, Object>> received = new LinkedHashMap<>();
        destination.records().forEach((key, fields) -> {
            Map<String, Object> plain = new HashMap<>(fields);
            plain.computeIfPresent("churn", (name, value) -> ((Number) value).longValue());
            plain.computeIfPresent("ltv", (name, value) -> ((Number) value).doubleValue());
            received.put(key, plain);
        });
        return received;
    }

    @Test
    void sends_score_traits_of_members_and_no_value_for_members_without_scores() {
        run(service("everyone"));
        assertEquals(Map.of("c1", fields("a@example.com", 10L, 250.5), "c2", fields("b@example.com", 3L, null),
                "c3", fields("c@example.com", null, null)), received());
    }

    @Test
    void sends_score_traits_of_an_audience_that_selects_by_them() {
        run(service("at_risk"));
        assertEquals(Map.of("c1", fields("a@example.com", 10L, 250.5)), received());
    }

    @Test
    void sends_a_member_again_when_its_scores_change() {
        SyncService service = service("everyone");
        run(service);
        warehouse.execute("UPDATE model.customer_scores SET churn_decile = 9 WHERE customer_id = 'c2'");
        SyncRun second = run(service);
        assertEquals(1, second.changed(), second.message());
        assertEquals(fields("b@example.com", 9L, null), received().get("c2"));
    }
}
