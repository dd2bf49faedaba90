package dev.ownstack.server.customers;

import dev.ownstack.activation.audience.history.MembershipHistory;
import dev.ownstack.activation.audience.store.AudienceStore;
import dev.ownstack.activation.audience.store.CompileContext;
import dev.ownstack.activation.audience.ModelCatalog;
import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.core.config.ProjectConfigLoader;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.insights.scores.CustomerScores;
import dev.ownstack.model.identity.IdentityResolver;
import dev.ownstack.model.identity.ResolveProgress;
import dev.ownstack.model.identity.graph.UnionFindComponents;
import dev.ownstack.model.master.MasterModels;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.Warehouse;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * A small project resolved and built for real: identity resolution twice (the second run merges
 * Ann's CRM contact with her shop account, so one of her two first ids is merged away), the
 * master models, a churn score, and the audience {@code buyers} computed once.
 *
 * <pre>
 * Ann Lee   crm C1 ann@example.com +44 7911 123456; shop 1001 ann.work@example.com, device dev-1;
 *           crm C3 Ann.Work@Example.com 07911 123456 (added before the second run: links the two)
 *           orders o1 (2024-03-01, 30) and o2 (2024-06-01, 70); events Signed Up, Product Viewed
 * Bob Stone crm C2 bob@example.org, no orders
 * </pre>
 */
final class PeopleFixture {
    static final String YAML = """
            version: 1
            name: c360
            warehouse: {type: duckdb, path: warehouse.duckdb}
            server: {bind: 127.0.0.1, port: 0, api-keys: [test-api-key-0123456789]}
            identity:
              default-region: GB
              keys:
                user_id: user-id
                email: email-canonical
                phone: phone
                anonymous_id: anonymous-id
              sources:
                crm: {id: contact_id, updated-at: updated_at, keys: {email: email, phone: phone}}
                shop: {id: customer_id, keys: {user_id: customer_id, email: email}}
                web: {table: raw.events, id: anonymous_id, keys: {anonymous_id: anonymous_id, user_id: user_id}}
            models:
              as-of: 2025-01-01T00:00:00Z
              customers:
                attributes:
                  first_name: {crm: first_name}
                  last_name: {crm: last_name}
                  email: {crm: email, shop: email}
              transactions: {table: raw.orders, source: shop, record-id: customer_id, id: order_id, occurred-at: ordered_at, amount: total}
              traits:
                orders: {function: count, of: transactions}
                revenue: {function: sum, of: transactions.amount}
            audiences:
              buyers:
                rule: {trait: orders, operator: greater, value: 0}
            """;
    static final Instant NOW = Instant.parse("2025-01-02T09:00:00Z");
    static final ProjectConfig CONFIG = new ProjectConfigLoader(name -> Optional.empty()).parse(Path.of("/tmp/unused"), "ownstack.yml", YAML);

    private PeopleFixture() {
    }

    /** Loads, resolves twice, builds, scores and computes {@code buyers} in the warehouse. */
    static void load(Warehouse warehouse) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        table(warehouse, "crm", List.of("contact_id", "email", "phone", "first_name", "last_name", "updated_at"),
                List.of(ColumnType.STRING, ColumnType.STRING, ColumnType.STRING, ColumnType.STRING, ColumnType.STRING, ColumnType.TIMESTAMP),
                new Object[] {"C1", "ann@example.com", "+44 7911 123456", "Ann", "Lee", LocalDateTime.parse("2024-01-01T00:00")},
                new Object[] {"C2", "bob@example.org", null, "Bob", "Stone", LocalDateTime.parse("2024-01-02T00:00")});
        table(warehouse, "shop", List.of("customer_id", "email"), List.of(ColumnType.STRING, ColumnType.STRING),
                new Object[] {"1001", "ann.work@example.com"});
        table(warehouse, "events", List.of("message_id", "type", "event", "user_id", "anonymous_id", "timestamp", "properties"),
                List.of(ColumnType.STRING, ColumnType.STRING, ColumnType.STRING, ColumnType.STRING, ColumnType.STRING, ColumnType.TIMESTAMP,
                        ColumnType.JSON),
                new Object[] {"m1", "track", "Signed Up", "1001", "dev-1", LocalDateTime.parse("2024-02-01T10:00"), "{}"},
                new Object[] {"m2", "track", "Product Viewed", null, "dev-1", LocalDateTime.parse("2024-12-30T10:00"), "{\"sku\": \"A1\"}"});
        table(warehouse, "orders", List.of("order_id", "customer_id", "ordered_at", "total"),
                List.of(ColumnType.STRING, ColumnType.STRING, ColumnType.TIMESTAMP, ColumnType.DECIMAL),
                new Object[] {"o1", "1001", LocalDateTime.parse("2024-03-01T10:00"), new BigDecimal("30")},
                new Object[] {"o2", "1001", LocalDateTime.parse("2024-06-01T10:00"), new BigDecimal("70")});
        IdentityResolver resolver = new IdentityResolver(CONFIG.identity().orElseThrow(), new UnionFindComponents(), clock);
        resolver.resolve(warehouse, ResolveProgress.NONE);
        table(warehouse, "crm", List.of("contact_id", "email", "phone", "first_name", "last_name", "updated_at"), List.of(),
                new Object[] {"C3", "Ann.Work@Example.com", "07911 123456", "Ann", "Lee", LocalDateTime.parse("2024-05-01T00:00")});
        resolver.resolve(warehouse, ResolveProgress.NONE);
        MasterModels.build(warehouse, CONFIG.identity().orElseThrow(), CONFIG.models().orElseThrow(), clock);
        String ann = customerOf(warehouse, "crm", "C1");
        String bob = customerOf(warehouse, "crm", "C2");
        CustomerScores.replace(warehouse, new CustomerScores.Scores("churn", "v1", LocalDateTime.parse("2025-01-02T08:00"),
                List.of(new CustomerScores.Output("probability", ColumnType.DOUBLE)), List.of(ann, bob),
                List.of(new Object[] {0.25}, new Object[] {0.75})));
        AudienceStore store = new AudienceStore(warehouse, CONFIG.audiences(), clock);
        CompileContext context = new CompileContext(ModelCatalog.read(warehouse), warehouse.dialect(), CONFIG.models().orElseThrow().asOf().orElseThrow());
        new MembershipHistory(warehouse, clock).compute(CONFIG.audiences().get("buyers"), store.compiler(context), context.asOf());
    }

    static String customerOf(Warehouse warehouse, String source, String recordId) {
        return (String) warehouse.queryAll("SELECT customer_id FROM identity.records WHERE source = ? AND record_id = ?", source, recordId)
                .singleValue();
    }

    /** The id the second run merged away: Ann's id of the first run that she no longer has. */
    static String mergedId(Warehouse warehouse) {
        return (String) warehouse.queryAll("SELECT old_customer_id FROM identity.id_history WHERE change = 'merge'").singleValue();
    }

    private static void table(Warehouse warehouse, String name, List<String> columns, List<ColumnType> types, Object[]... rows) {
        TableName table = new TableName("raw", name);
        if (!types.isEmpty()) {
            warehouse.ensureTable(table, java.util.stream.IntStream.range(0, columns.size())
                    .mapToObj(i -> new Column(columns.get(i), types.get(i))).toList(), List.of());
        }
        try (RowWriter writer = warehouse.append(table, columns)) {
            for (Object[] row : rows) {
                writer.write(row);
            }
        }
    }
}
