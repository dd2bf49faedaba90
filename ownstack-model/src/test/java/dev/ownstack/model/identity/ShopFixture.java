package dev.ownstack.model.identity;

import dev.ownstack.core.config.identity.ColumnRef;
import dev.ownstack.core.config.identity.IdentityConfig;
import dev.ownstack.core.config.identity.IdentitySource;
import dev.ownstack.core.config.identity.KeyKind;
import dev.ownstack.core.config.identity.KeyMapping;
import dev.ownstack.core.config.identity.MatchKey;
import dev.ownstack.core.config.identity.ValueSource;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.Warehouse;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A small shop: CRM contacts, shop accounts and web events (one record per device), with the
 * identity configuration the tests resolve them by.
 */
final class ShopFixture {
    static final TableName CRM = new TableName("raw", "crm");
    static final TableName SHOP = new TableName("raw", "shop");
    static final TableName EVENTS = new TableName("raw", "events");

    private ShopFixture() {
    }

    static IdentityConfig config(int userIdLimit, int maxGroupSize) {
        List<MatchKey> keys = List.of(
                new MatchKey("user_id", List.of(KeyKind.USER_ID), userIdLimit, Set.of(), maxGroupSize),
                new MatchKey("email", List.of(KeyKind.EMAIL_CANONICAL), 5, Set.of("info@acme.test"), maxGroupSize),
                new MatchKey("phone", List.of(KeyKind.PHONE), 5, Set.of(), maxGroupSize),
                new MatchKey("anonymous_id", List.of(KeyKind.ANONYMOUS_ID), 100, Set.of(), maxGroupSize),
                new MatchKey("name_postcode", List.of(KeyKind.NAME, KeyKind.POSTCODE), 5, Set.of(), maxGroupSize));
        List<IdentitySource> sources = List.of(
                new IdentitySource("crm", CRM, "contact_id", 1, Optional.of("updated_at"), List.of(
                        new KeyMapping("email", List.of(ValueSource.of("email"))),
                        new KeyMapping("phone", List.of(ValueSource.of("phone"))),
                        new KeyMapping("name_postcode", List.of(new ValueSource(List.of(ColumnRef.column("first_name"),
                                ColumnRef.column("last_name"))), ValueSource.of("postcode")))), Map.of()),
                new IdentitySource("shop", SHOP, "customer_id", 2, Optional.empty(), List.of(
                        new KeyMapping("user_id", List.of(ValueSource.of("customer_id"))),
                        new KeyMapping("email", List.of(ValueSource.of("email"))),
                        new KeyMapping("phone", List.of(ValueSource.of("phone")))), Map.of()),
                new IdentitySource("web", EVENTS, "anonymous_id", 3, Optional.of("timestamp"), List.of(
                        new KeyMapping("anonymous_id", List.of(ValueSource.of("anonymous_id"))),
                        new KeyMapping("user_id", List.of(ValueSource.of("user_id"))),
                        new KeyMapping("email", List.of(new ValueSource(List.of(new ColumnRef("traits", List.of("email"))))))), Map.of()));
        return new IdentityConfig("GB", keys, sources, Optional.empty());
    }

    static void createTables(Warehouse warehouse) {
        warehouse.ensureTable(CRM, List.of(new Column("contact_id", ColumnType.STRING), new Column("email", ColumnType.STRING),
                new Column("phone", ColumnType.STRING), new Column("first_name", ColumnType.STRING), new Column("last_name", ColumnType.STRING),
                new Column("postcode", ColumnType.STRING), new Column("updated_at", ColumnType.TIMESTAMP)), List.of());
        warehouse.ensureTable(SHOP, List.of(new Column("customer_id", ColumnType.BIGINT), new Column("email", ColumnType.STRING),
                new Column("phone", ColumnType.STRING)), List.of());
        warehouse.ensureTable(EVENTS, List.of(new Column("anonymous_id", ColumnType.STRING), new Column("user_id", ColumnType.STRING),
                new Column("traits", ColumnType.JSON), new Column("timestamp", ColumnType.TIMESTAMP)), List.of());
    }

    static void crm(Warehouse warehouse, String id, String email, String phone, String firstName, String lastName, String postcode) {
        try (RowWriter writer = warehouse.append(CRM, List.of("contact_id", "email", "phone", "first_name", "last_name", "postcode", "updated_at"))) {
            writer.write(new Object[] {id, email, phone, firstName, lastName, postcode, LocalDateTime.of(2024, 1, 1, 0, 0)});
        }
    }

    static void shop(Warehouse warehouse, long id, String email, String phone) {
        try (RowWriter writer = warehouse.append(SHOP, List.of("customer_id", "email", "phone"))) {
            writer.write(new Object[] {id, email, phone});
        }
    }

    static void event(Warehouse warehouse, String anonymousId, String userId, String email) {
        try (RowWriter writer = warehouse.append(EVENTS, List.of("anonymous_id", "user_id", "traits", "timestamp"))) {
            writer.write(new Object[] {anonymousId, userId, email == null ? null : "{\"email\": \"" + email + "\"}",
                    LocalDateTime.of(2024, 2, 1, 0, 0)});
        }
    }

    /** The usual population: Ann (CRM twice, shop, two devices), Bob (CRM, shop), Cat (CRM only), and a test address on two strangers. */
    static void population(Warehouse warehouse) {
        createTables(warehouse);
        crm(warehouse, "C1", "Ann.Lee@Gmail.com", "020 7946 0958", "Ann", "Lee", "SW1A 1AA");
        crm(warehouse, "C2", "annlee@googlemail.com", null, "ann", "LEE", "sw1a1aa");
        crm(warehouse, "C3", "bob@example.org", "+44 7911 123456", "Bob", "Stone", "E1 6AN");
        crm(warehouse, "C4", "cat@example.org", null, "Cat", "Ng", "N1 9GU");
        crm(warehouse, "C5", "test@test.com", null, "Dan", "Dee", null);
        crm(warehouse, "C6", "test@test.com", null, "Eve", "Eve", null);
        shop(warehouse, 1001, "ann.lee@gmail.com", "+442079460958");
        shop(warehouse, 1002, "bob@example.org", null);
        event(warehouse, "dev-a1", null, null);
        event(warehouse, "dev-a1", "1001", null);
        event(warehouse, "dev-a2", null, "ann.lee+news@gmail.com");
        event(warehouse, "dev-x", null, null);
    }

    /** Each record's customer id, by "source/record_id". */
    static Map<String, String> customers(Warehouse warehouse) {
        Map<String, String> customers = new HashMap<>();
        for (Object[] row : warehouse.queryAll("SELECT source, record_id, customer_id FROM identity.records").rows()) {
            customers.put(row[0] + "/" + row[1], (String) row[2]);
        }
        return customers;
    }
}
