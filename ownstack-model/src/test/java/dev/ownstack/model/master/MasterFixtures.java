package dev.ownstack.model.master;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ownstack.core.config.ConfigNode;
import dev.ownstack.core.config.ConfigProblems;
import dev.ownstack.core.config.identity.IdentityConfig;
import dev.ownstack.core.config.identity.IdentitySource;
import dev.ownstack.core.config.identity.KeyKind;
import dev.ownstack.core.config.identity.KeyMapping;
import dev.ownstack.core.config.identity.MatchKey;
import dev.ownstack.core.config.identity.ValueSource;
import dev.ownstack.core.config.models.ModelsConfig;
import dev.ownstack.core.config.models.ModelsConfigReader;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.Warehouse;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Small hand-made identity tables and raw tables, the same on every engine. Four customers:
 * <ul>
 *   <li>{@code cus_a}: one CRM contact, one shop account (1001), one newsletter signup; a device {@code anon-1};</li>
 *   <li>{@code cus_b}: three CRM contacts of different recency, one with a blank first name, and shop account 1002; device {@code anon-2};</li>
 *   <li>{@code cus_c}: shop account 1003 without email or name, and a newsletter signup with both;</li>
 *   <li>{@code cus_d}: two CRM contacts, one without an update time.</li>
 * </ul>
 * Transactions run to 2024-12-20 and events to 2024-12-31; as-of is 2025-01-01T00:00:00Z.
 */
final class MasterFixtures {
    static final TableName CRM = new TableName("raw", "crm_contacts");
    static final TableName SHOP = new TableName("raw", "shop_customers");
    static final TableName NEWSLETTER = new TableName("raw", "newsletter_signups");
    static final TableName TRANSACTIONS = new TableName("raw", "transactions");
    static final TableName EVENTS = new TableName("raw", "events");
    static final TableName RECORDS = new TableName("identity", "records");
    static final TableName RECORD_KEYS = new TableName("identity", "record_keys");

    static final IdentityConfig IDENTITY = new IdentityConfig("GB",
            List.of(key("user_id", KeyKind.USER_ID), key("email", KeyKind.EMAIL), key("anonymous_id", KeyKind.ANONYMOUS_ID),
                    key("device_id", KeyKind.ANONYMOUS_ID)),
            List.of(source("crm_contacts", CRM, "contact_id", 1, Optional.of("updated_at")),
                    source("shop_customers", SHOP, "customer_id", 2, Optional.of("created_at")),
                    source("newsletter_signups", NEWSLETTER, "id", 3, Optional.of("timestamp_signup")),
                    source("web", EVENTS, "anonymous_id", 4, Optional.empty())), Optional.empty());

    static final String MODELS = """
            models:
              as-of: 2025-01-01T00:00:00Z
              customers:
                attributes:
                  email: {crm_contacts: email, shop_customers: email, newsletter_signups: email_address}
                  first_name: {crm_contacts: first_name, shop_customers: first_name, newsletter_signups: merge_fields.FNAME}
                  signed_up_at: {shop_customers: created_at, newsletter_signups: timestamp_signup}
              transactions:
                table: raw.transactions
                source: shop_customers
                record-id: customer_id
                id: transaction_id
                occurred-at: occurred_at
                amount: amount
                currency: currency
                type: type
              traits:
                orders: {function: count, of: transactions, where: {type: order}}
                transaction_count: {function: count, of: transactions}
                orders_90d: {function: count, of: transactions, where: {type: order}, within: 90d}
                revenue: {function: sum, of: transactions.amount}
                order_revenue_90d: {function: sum, of: transactions.amount, where: {type: order}, within: 90d}
                average_amount: {function: average, of: transactions.amount}
                average_order_90d: {function: average, of: transactions.amount, where: {type: order}, within: 90d}
                smallest_amount: {function: min, of: transactions.amount}
                smallest_order_90d: {function: min, of: transactions.amount, where: {type: order}, within: 90d}
                first_order_at: {function: min, of: transactions.occurred_at, where: {type: order}}
                largest_amount_90d: {function: max, of: transactions.amount, within: 90d}
                last_order_at: {function: max, of: transactions.occurred_at, where: {type: [order]}}
                first_amount: {function: first, of: transactions.amount}
                last_amount: {function: last, of: transactions.amount}
                last_order_amount: {function: last, of: transactions.amount, where: {type: order}}
                last_amount_30d: {function: last, of: transactions.amount, within: 30d}
                first_order_amount_90d: {function: first, of: transactions.amount, where: {type: order}, within: 90d}
                currencies: {function: distinct-count, of: transactions.currency}
                currencies_90d: {function: distinct-count, of: transactions.currency, where: {type: [order, refund]}, within: 90d}
                days_since_last_transaction: {function: days-since, of: transactions.occurred_at}
                days_since_last_refund: {function: days-since, of: transactions.occurred_at, where: {type: refund}}
                days_since_order_90d: {function: days-since, of: transactions.occurred_at, where: {type: order}, within: 90d}
                product_views_30d: {function: count, of: events, where: {event: Product Viewed}, within: 30d}
                events_last_day: {function: count, of: events, within: 24h}
                named_events: {function: count, of: events.event}
                devices: {function: distinct-count, of: events.anonymous_id}
                event_revenue: {function: sum, of: events.properties.revenue, where: {event: Order Completed}}
                last_event: {function: last, of: events.event}
                first_product_viewed: {function: first, of: events.properties.product_id, where: {event: Product Viewed}}
                days_since_last_event: {function: days-since, of: events.timestamp}
            """;

    private MasterFixtures() {
    }

    private static MatchKey key(String name, KeyKind kind) {
        return new MatchKey(name, List.of(kind), 5, Set.of(), 1000);
    }

    private static IdentitySource source(String name, TableName table, String id, int precedence, Optional<String> updatedAt) {
        return new IdentitySource(name, table, id, precedence, updatedAt, List.of(new KeyMapping("email", List.of(ValueSource.of(id)))),
                Map.of());
    }

    static ModelsConfig models(String yaml) {
        ConfigProblems problems = new ConfigProblems("ownstack.yml");
        try {
            ConfigNode top = new ConfigNode(new ObjectMapper(new YAMLFactory()).readTree(yaml), "", problems, name -> Optional.empty());
            Optional<ModelsConfig> config = ModelsConfigReader.read(top.object("models"), Set.of("crm_contacts", "shop_customers",
                    "newsletter_signups", "web"));
            top.finish();
            problems.throwIfAny();
            return config.orElseThrow();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static ModelsConfig models() {
        return models(MODELS);
    }

    static void load(Warehouse warehouse) {
        table(warehouse, CRM, columns("contact_id", ColumnType.STRING, "email", ColumnType.STRING, "first_name", ColumnType.STRING,
                        "updated_at", ColumnType.TIMESTAMPTZ),
                row("C1", "a.crm@x.com", "Ann", at("2024-05-01T10:00:00Z")),
                row("C2", null, "  ", at("2024-01-01T10:00:00Z")),
                row("C3", "b.new@x.com", null, at("2024-03-01T10:00:00Z")),
                row("C4", "b.old@x.com", null, at("2024-02-01T10:00:00Z")),
                row("C5", "d.undated@x.com", "Dee", null),
                row("C6", "d.dated@x.com", null, at("2023-01-01T00:00:00Z")));
        table(warehouse, SHOP, columns("customer_id", ColumnType.BIGINT, "email", ColumnType.STRING, "first_name", ColumnType.STRING,
                        "created_at", ColumnType.TIMESTAMPTZ),
                row(1001L, "a.shop@x.com", "Annie", at("2024-06-01T09:00:00Z")),
                row(1002L, "b.shop@x.com", "Bob", at("2023-04-01T09:00:00Z")),
                row(1003L, null, null, at("2024-02-02T09:00:00Z")));
        table(warehouse, NEWSLETTER, columns("id", ColumnType.STRING, "email_address", ColumnType.STRING, "merge_fields", ColumnType.JSON,
                        "timestamp_signup", ColumnType.TIMESTAMPTZ),
                row("N1", "a.news@x.com", "{\"FNAME\":\"Anna\"}", at("2024-07-01T08:00:00Z")),
                row("N2", "c@x.com", "{\"FNAME\":\"Cat\",\"LNAME\":\"Smith\"}", at("2024-01-15T08:00:00Z")));
        table(warehouse, TRANSACTIONS, columns("transaction_id", ColumnType.BIGINT, "order_id", ColumnType.BIGINT, "customer_id",
                        ColumnType.BIGINT, "type", ColumnType.STRING, "occurred_at", ColumnType.TIMESTAMPTZ, "currency", ColumnType.STRING,
                        "amount", ColumnType.DECIMAL),
                row(1L, 501L, 1001L, "order", at("2024-10-01T12:00:00Z"), "GBP", new BigDecimal("100.00")),
                row(2L, 502L, 1001L, "order", at("2024-12-15T12:00:00Z"), "GBP", new BigDecimal("50.25")),
                row(3L, 501L, 1001L, "refund", at("2024-12-20T12:00:00Z"), "EUR", new BigDecimal("-20.00")),
                row(4L, 503L, 1002L, "order", at("2023-05-01T12:00:00Z"), "GBP", new BigDecimal("10.00")),
                row(5L, 504L, 9999L, "order", at("2024-01-01T12:00:00Z"), "GBP", new BigDecimal("5.00")));
        table(warehouse, EVENTS, columns("message_id", ColumnType.STRING, "type", ColumnType.STRING, "event", ColumnType.STRING,
                        "user_id", ColumnType.STRING, "anonymous_id", ColumnType.STRING, "timestamp", ColumnType.TIMESTAMPTZ,
                        "properties", ColumnType.JSON),
                row("m1", "track", "Product Viewed", null, "anon-1", at("2024-12-20T10:00:00Z"), "{\"product_id\":\"p-9\"}"),
                row("m2", "track", "Product Added", "1002", "anon-1", at("2024-12-21T10:00:00Z"), "{\"product_id\":\"p-9\"}"),
                row("m3", "track", "Order Completed", "1001", "anon-1", at("2024-12-15T12:00:00Z"), "{\"revenue\":30.5}"),
                row("m4", "page", null, "nobody", "anon-unknown", at("2024-12-22T10:00:00Z"), null),
                row("m5", "track", "Product Viewed", null, "anon-2", at("2024-06-01T10:00:00Z"), "{\"product_id\":\"p-1\"}"),
                row("m6", "identify", null, " 1003 ", null, at("2024-12-31T12:00:00Z"), null),
                row("m7", "track", "Product Viewed", "ghost", "anon-1", at("2024-11-01T10:00:00Z"), "{\"product_id\":\"p-2\"}"),
                row("m8", "track", "Product Viewed", null, "anon-blocked", at("2024-12-30T10:00:00Z"), "{\"product_id\":\"p-3\"}"),
                row("m9", "track", "Order Completed", "1001", null, at("2024-10-01T12:00:00Z"), "{\"revenue\":\"12.25\"}"));
        table(warehouse, RECORDS, columns("source", ColumnType.STRING, "record_id", ColumnType.STRING, "customer_id", ColumnType.STRING,
                        "precedence", ColumnType.BIGINT, "updated_at", ColumnType.TIMESTAMP, "node", ColumnType.BIGINT),
                row("crm_contacts", "C1", "cus_a", 1L, local("2024-05-01T10:00:00"), 0L),
                row("shop_customers", "1001", "cus_a", 2L, local("2024-06-01T09:00:00"), 1L),
                row("newsletter_signups", "N1", "cus_a", 3L, local("2024-07-01T08:00:00"), 2L),
                row("web", "anon-1", "cus_a", 4L, null, 3L),
                row("crm_contacts", "C2", "cus_b", 1L, local("2024-01-01T10:00:00"), 4L),
                row("crm_contacts", "C3", "cus_b", 1L, local("2024-03-01T10:00:00"), 5L),
                row("crm_contacts", "C4", "cus_b", 1L, local("2024-02-01T10:00:00"), 6L),
                row("shop_customers", "1002", "cus_b", 2L, local("2023-04-01T09:00:00"), 7L),
                row("web", "anon-2", "cus_b", 4L, null, 8L),
                row("shop_customers", "1003", "cus_c", 2L, local("2024-02-02T09:00:00"), 9L),
                row("newsletter_signups", "N2", "cus_c", 3L, local("2024-01-15T08:00:00"), 10L),
                row("crm_contacts", "C5", "cus_d", 1L, null, 11L),
                row("crm_contacts", "C6", "cus_d", 1L, local("2023-01-01T00:00:00"), 12L),
                row("web", "anon-blocked", "cus_e", 4L, null, 13L));
        table(warehouse, RECORD_KEYS, columns("source", ColumnType.STRING, "record_id", ColumnType.STRING, "key_name", ColumnType.STRING,
                        "key_value", ColumnType.STRING, "status", ColumnType.STRING, "customer_id", ColumnType.STRING),
                row("crm_contacts", "C1", "email", "a.crm@x.com", "linked", "cus_a"),
                row("shop_customers", "1001", "user_id", "1001", "linked", "cus_a"),
                row("shop_customers", "1001", "email", "a.shop@x.com", "linked", "cus_a"),
                row("newsletter_signups", "N1", "email", "a.news@x.com", "linked", "cus_a"),
                row("web", "anon-1", "anonymous_id", "anon-1", "linked", "cus_a"),
                row("crm_contacts", "C3", "email", "b.new@x.com", "linked", "cus_b"),
                row("crm_contacts", "C4", "email", "b.old@x.com", "linked", "cus_b"),
                row("shop_customers", "1002", "user_id", "1002", "linked", "cus_b"),
                row("shop_customers", "1002", "email", "b.shop@x.com", "linked", "cus_b"),
                row("web", "anon-2", "device_id", "anon-2", "linked", "cus_b"),
                row("shop_customers", "1003", "user_id", "1003", "linked", "cus_c"),
                row("newsletter_signups", "N2", "email", "c@x.com", "linked", "cus_c"),
                row("crm_contacts", "C5", "email", "d.undated@x.com", "linked", "cus_d"),
                row("crm_contacts", "C6", "email", "d.dated@x.com", "dropped", "cus_d"),
                row("web", "anon-blocked", "anonymous_id", "anon-blocked", "blocked", "cus_e"));
    }

    static void table(Warehouse warehouse, TableName table, List<Column> columns, Object[]... rows) {
        warehouse.execute("DROP TABLE IF EXISTS " + warehouse.dialect().table(table));
        warehouse.ensureTable(table, columns, List.of());
        try (RowWriter writer = warehouse.append(table, columns.stream().map(Column::name).toList())) {
            Arrays.stream(rows).forEach(writer::write);
        }
    }

    static List<Column> columns(Object... namesAndTypes) {
        List<Column> columns = new java.util.ArrayList<>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            columns.add(new Column((String) namesAndTypes[i], (ColumnType) namesAndTypes[i + 1]));
        }
        return columns;
    }

    static Object[] row(Object... values) {
        return values;
    }

    static OffsetDateTime at(String text) {
        return OffsetDateTime.parse(text);
    }

    static LocalDateTime local(String text) {
        return LocalDateTime.parse(text);
    }
}
