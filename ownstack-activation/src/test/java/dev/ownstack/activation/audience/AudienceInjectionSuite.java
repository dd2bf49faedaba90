package dev.ownstack.activation.audience;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.core.config.audiences.AudienceDefinition;
import dev.ownstack.core.config.audiences.AudienceParser;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.warehouse.Warehouse;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Trait values, event names and property names full of SQL syntax (quotes, comment markers,
 * backslashes, placeholders, {@code ; DROP TABLE}) select exactly the rows that hold them and
 * change nothing: every table is still there with its rows. Rules are built as JSON trees, as the
 * REST API receives them, so no test quoting gets in the way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AudienceInjectionSuite {
    static final List<String> HOSTILE = List.of(
            "O'Brien",
            "x'; DROP TABLE model.customers; --",
            "x\"; DROP TABLE model.customers; --",
            "a -- comment",
            "/* open comment",
            "back\\slash\\",
            "\\'; SELECT 1; --",
            "what? and ??",
            "$1 :name %s",
            "50% off_now",
            "~tilde/slash.dot[0]",
            "' OR '1'='1");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Warehouse warehouse;
    private ModelCatalog catalog;

    protected abstract Warehouse open();

    @BeforeAll
    void load() {
        warehouse = open();
        List<Object[]> customers = new java.util.ArrayList<>();
        List<Object[]> events = new java.util.ArrayList<>();
        for (int i = 0; i < HOSTILE.size(); i++) {
            String text = HOSTILE.get(i);
            customers.add(new Object[] {"c" + i, text});
            ObjectNode properties = JSON.objectNode();
            properties.put(text, text);
            properties.put("plain", text);
            events.add(new Object[] {"m" + i, "c" + i, text, LocalDateTime.parse("2024-12-01T00:00"), properties.toString()});
        }
        customers.add(new Object[] {"plain", "GB"});
        AudienceFixtures.write(warehouse, ModelCatalog.CUSTOMERS, List.of(new Column("customer_id", ColumnType.STRING),
                new Column("country", ColumnType.STRING)), customers);
        AudienceFixtures.write(warehouse, ModelCatalog.EVENTS, List.of(new Column("message_id", ColumnType.STRING),
                new Column("customer_id", ColumnType.STRING), new Column("event", ColumnType.STRING), new Column("timestamp", ColumnType.TIMESTAMP),
                new Column("properties", ColumnType.JSON)), events);
        AudienceFixtures.write(warehouse, ModelCatalog.TRANSACTIONS, List.of(new Column("customer_id", ColumnType.STRING),
                new Column("amount", ColumnType.DECIMAL), new Column("type", ColumnType.STRING)), List.<Object[]>of(new Object[] {"c1", null, HOSTILE.get(1)}));
        catalog = ModelCatalog.read(warehouse);
    }

    @AfterAll
    void close() {
        warehouse.close();
    }

    private List<String> members(ObjectNode rule) {
        AudienceDefinition definition = AudienceDefinition.of("hostile", AudienceParser.parseRule(rule));
        return Audiences.run(warehouse, Audiences.compiler(warehouse, catalog, Map.of()).compile(definition));
    }

    private static ObjectNode condition(String key, String name, String operator, String value) {
        ObjectNode node = JSON.objectNode();
        node.put(key, name);
        node.put("operator", operator);
        node.put("value", value);
        return node;
    }

    @Test
    void hostile_trait_values_match_only_their_customer() {
        for (int i = 0; i < HOSTILE.size(); i++) {
            String text = HOSTILE.get(i);
            assertEquals(List.of("c" + i), members(condition("trait", "country", "equals", text)), text);
            assertEquals(List.of("c" + i), members(condition("trait", "country", "contains", text)), text);
            assertEquals(List.of("c" + i), members(condition("trait", "country", "starts-with", text)), text);
            ObjectNode in = JSON.objectNode();
            in.put("trait", "country");
            in.put("operator", "not-in");
            ArrayNode values = in.putArray("value");
            values.add(text);
            values.add("GB");
            assertEquals(HOSTILE.size() - 1, members(in).size(), text);
        }
        assertUnchanged();
    }

    @Test
    void hostile_event_and_property_names_match_only_their_events() {
        for (int i = 0; i < HOSTILE.size(); i++) {
            String text = HOSTILE.get(i);
            ObjectNode event = JSON.objectNode();
            event.put("event", text);
            assertEquals(List.of("c" + i), members(event), text);
            ArrayNode where = event.putArray("where");
            where.add(condition("property", text, "equals", text));
            where.add(condition("property", "plain", "contains", text));
            assertEquals(List.of("c" + i), members(event), text);
            ObjectNode missing = JSON.objectNode();
            missing.put("event", text);
            missing.put("performed", false);
            assertEquals(HOSTILE.size(), members(missing).size(), text);
        }
        assertEquals(HOSTILE.size(), catalog.events().size());
        assertUnchanged();
    }

    @Test
    void hostile_transaction_types_are_values_too() {
        ObjectNode rule = JSON.objectNode();
        rule.put("transactions", "count");
        rule.put("operator", "equals");
        rule.put("value", 1);
        rule.put("type", HOSTILE.get(1));
        assertEquals(List.of("c1"), members(rule));
        assertUnchanged();
    }

    private void assertUnchanged() {
        assertEquals(HOSTILE.size() + 1L, count(ModelCatalog.CUSTOMERS));
        assertEquals((long) HOSTILE.size(), count(ModelCatalog.EVENTS));
        assertEquals(1L, count(ModelCatalog.TRANSACTIONS));
        assertEquals(2, warehouse.describe(ModelCatalog.CUSTOMERS).orElseThrow().size());
    }

    private long count(dev.ownstack.core.table.TableName table) {
        return ((Number) warehouse.queryAll("SELECT count(*) FROM " + warehouse.dialect().table(table)).singleValue()).longValue();
    }
}
