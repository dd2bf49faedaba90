package dev.ownstack.activation.audience;

import static dev.ownstack.activation.audience.Audiences.definition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ownstack.activation.audience.ModelCatalog.EventInfo;
import dev.ownstack.activation.audience.ModelCatalog.JsonType;
import dev.ownstack.activation.audience.ModelCatalog.PropertyInfo;
import dev.ownstack.core.config.audiences.AudienceDefinition;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.warehouse.duckdb.DuckDbDialect;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every problem the compiler finds names its path inside the rule; no warehouse needed (the catalog is made by hand). */
class AudienceCompilerProblemsTest {
    private static final ModelCatalog CATALOG = new ModelCatalog(AudienceFixtures.CUSTOMER_COLUMNS, AudienceFixtures.EVENT_COLUMNS,
            AudienceFixtures.TRANSACTION_COLUMNS, Map.of(
            "Order Completed", new EventInfo("Order Completed", 10, Map.of(
                    "total", new PropertyInfo("total", Set.of(JsonType.NUMBER), 10),
                    "coupon", new PropertyInfo("coupon", Set.of(JsonType.STRING), 3))),
            "Signed Up", new EventInfo("Signed Up", 2, Map.of())));
    private static final Map<String, AudienceDefinition> OTHERS = Audiences.byName(
            definition("vip", "{'audience': 'big_spenders'}"),
            definition("big_spenders", "{'all': [{'trait': 'orders', 'operator': 'greater', 'value': 2}, {'audience': 'vip'}]}"),
            definition("self", "{'not': {'audience': 'self'}}"),
            definition("broken", "{'trait': 'colour', 'operator': 'is-set'}"),
            definition("gb", "{'trait': 'country', 'operator': 'equals', 'value': 'GB'}"));

    private static List<String> problems(ModelCatalog catalog, String rule) {
        AudienceCompiler compiler = new AudienceCompiler(catalog, DuckDbDialect.INSTANCE, name -> Optional.ofNullable(OTHERS.get(name)),
                AudienceFixtures.AS_OF);
        OwnstackException error = assertThrows(OwnstackException.class, () -> compiler.compile(definition("test", rule)));
        assertEquals(ErrorCode.INPUT_INVALID, error.code());
        return error.details();
    }

    private static void expect(String rule, String... problems) {
        assertEquals(List.of(problems), problems(CATALOG, rule), rule);
    }

    @Test
    void rejects_unknown_traits_events_and_properties() {
        expect("{'trait': 'countri', 'operator': 'equals', 'value': 'GB'}", "rule.trait: unknown trait \"countri\"; model.customers has"
                + " \"customer_id\", \"country\", \"email\", \"orders\", \"lifetime_value\", \"score\", \"vip\", \"birthday\", \"first_seen\","
                + " \"last_order_at\", \"profile\"");
        expect("{'event': 'Order Complete'}", "rule.event: unknown event \"Order Complete\"; model.events has \"Order Completed\", \"Signed Up\"");
        expect("{'event': 'Signed Up', 'where': [{'property': 'plan', 'operator': 'is-set'}]}",
                "rule.where[0].property: event \"Signed Up\" has no property \"plan\"; its properties are none");
        expect("{'event': 'Order Completed', 'where': [{'property': 'totl', 'operator': 'is-set'}]}",
                "rule.where[0].property: event \"Order Completed\" has no property \"totl\"; its properties are \"coupon\", \"total\"");
    }

    @Test
    void rejects_operators_that_do_not_apply_to_the_type() {
        expect("{'trait': 'country', 'operator': 'greater', 'value': 'GB'}", "rule.operator: greater does not apply to trait \"country\","
                + " which holds text; it takes equals, not-equals, in, not-in, contains, starts-with, is-set, is-not-set");
        expect("{'trait': 'orders', 'operator': 'before', 'value': '2024-01-01'}", "rule.operator: before does not apply to trait \"orders\","
                + " which holds a number; it takes equals, not-equals, in, not-in, greater, greater-or-equal, less, less-or-equal, between,"
                + " is-set, is-not-set");
        expect("{'trait': 'vip', 'operator': 'in', 'value': [true]}", "rule.operator: in does not apply to trait \"vip\", which holds true or"
                + " false; it takes equals, not-equals, is-set, is-not-set");
        expect("{'trait': 'profile', 'operator': 'equals', 'value': 'x'}", "rule.operator: equals does not apply to trait \"profile\","
                + " which holds JSON; it takes is-set, is-not-set");
        expect("{'trait': 'first_seen', 'operator': 'greater', 'value': 3}", "rule.operator: greater does not apply to trait \"first_seen\","
                + " which holds a time; it takes equals, not-equals, between, before, after, within-last-days, more-than-days-ago, is-set, is-not-set");
        expect("{'event': 'Order Completed', 'where': [{'property': 'coupon', 'operator': 'greater', 'value': 5}]}",
                "rule.where[0].operator: greater compares a number but property \"coupon\" of event \"Order Completed\" holds text");
        expect("{'event': 'Order Completed', 'where': [{'property': 'total', 'operator': 'contains', 'value': '5'}]}",
                "rule.where[0].operator: contains compares text but property \"total\" of event \"Order Completed\" holds numbers");
    }

    @Test
    void rejects_values_of_the_wrong_type() {
        expect("{'trait': 'orders', 'operator': 'greater', 'value': '5'}", "rule.value: trait \"orders\" holds a number; \"5\" is text");
        expect("{'trait': 'orders', 'operator': 'in', 'value': [1, 'two']}", "rule.value[1]: trait \"orders\" holds a number; \"two\" is text");
        expect("{'trait': 'country', 'operator': 'equals', 'value': true}", "rule.value: trait \"country\" holds text; true is a boolean");
        expect("{'trait': 'vip', 'operator': 'equals', 'value': 'yes'}", "rule.value: trait \"vip\" holds true or false; \"yes\" is text");
        expect("{'trait': 'birthday', 'operator': 'before', 'value': '2024-01-01T10:00:00Z'}",
                "rule.value: trait \"birthday\" holds dates; give a date such as \"2024-06-01\", got \"2024-01-01T10:00:00Z\"");
        expect("{'trait': 'first_seen', 'operator': 'after', 'value': 'yesterday'}", "rule.value: trait \"first_seen\" holds a time; give a date"
                + " such as \"2024-06-01\" or a time such as \"2024-06-01T12:00:00Z\", got \"yesterday\"");
        expect("{'trait': 'orders', 'operator': 'between', 'value': [10, 1]}", "rule.value: between goes from low to high; 10 is above 1");
        expect("{'trait': 'first_seen', 'operator': 'between', 'value': ['2024-02-01', '2024-01-01']}",
                "rule.value: between goes from early to late; \"2024-02-01\" is after \"2024-01-01\"");
        expect("{'event': 'Order Completed', 'where': [{'property': 'total', 'operator': 'equals', 'value': '5'}]}",
                "rule.where[0].value: property \"total\" of event \"Order Completed\" holds numbers; \"5\" is text");
        expect("{'event': 'Order Completed', 'where': [{'property': 'coupon', 'operator': 'in', 'value': ['A', 1]}]}",
                "rule.where[0].value[1]: property \"coupon\" of event \"Order Completed\" holds text; 1 is a number");
    }

    @Test
    void checks_transaction_columns() {
        expect("{'transactions': 'sum', 'of': 'price', 'operator': 'greater', 'value': 1}",
                "rule.of: model.transactions has no column \"price\"; sum takes one of \"amount\"");
        expect("{'transactions': 'average', 'of': 'currency', 'operator': 'greater', 'value': 1}",
                "rule.of: transactions.currency is not a number column; average takes one of \"amount\"");
    }

    @Test
    void names_missing_model_tables() {
        ModelCatalog customersOnly = new ModelCatalog(AudienceFixtures.CUSTOMER_COLUMNS, List.of(), List.of(), Map.of());
        assertEquals(List.of("rule.any[0].event: there is no model.events table; build the models with events first (ownstack build)",
                        "rule.any[1].transactions: there is no model.transactions table; configure models.transactions and build the models"),
                problems(customersOnly, "{'any': [{'event': 'Signed Up'}, {'transactions': 'count', 'operator': 'greater', 'value': 1}]}"));
        ModelCatalog empty = new ModelCatalog(List.of(), List.of(), List.of(), Map.of());
        assertEquals(List.of("rule: there is no model.customers table with a customer_id; build the models first (ownstack build)"),
                problems(empty, "{'all': []}"));
    }

    @Test
    void rejects_unknown_audiences_and_names_cycles() {
        expect("{'audience': 'nobody'}", "rule.audience: unknown audience \"nobody\"");
        expect("{'all': [{'audience': 'gb'}, {'audience': 'self'}]}",
                "rule.all[1].audience: in audience \"self\": rule.not.audience: audiences refer to each other in a cycle: self -> self");
        expect("{'audience': 'vip'}", "rule.audience: in audience \"vip\": rule.audience: in audience \"big_spenders\": rule.all[1].audience:"
                + " audiences refer to each other in a cycle: vip -> big_spenders -> vip");
        expect("{'not': {'audience': 'broken'}}", "rule.not.audience: in audience \"broken\": rule.trait: unknown trait \"colour\"; model.customers"
                + " has \"customer_id\", \"country\", \"email\", \"orders\", \"lifetime_value\", \"score\", \"vip\", \"birthday\", \"first_seen\","
                + " \"last_order_at\", \"profile\"");
    }

    @Test
    void a_cycle_through_the_audience_being_compiled_is_named_from_it() {
        AudienceCompiler compiler = new AudienceCompiler(CATALOG, DuckDbDialect.INSTANCE, name -> Optional.ofNullable(OTHERS.get(name)),
                AudienceFixtures.AS_OF);
        OwnstackException error = assertThrows(OwnstackException.class, () -> compiler.compile(OTHERS.get("vip")));
        assertEquals("rule.audience: in audience \"big_spenders\": rule.all[1].audience: audiences refer to each other in a cycle:"
                + " vip -> big_spenders -> vip", error.getMessage());
    }

    @Test
    void reports_every_problem_at_once() {
        OwnstackException error = assertThrows(OwnstackException.class, () -> new AudienceCompiler(CATALOG, DuckDbDialect.INSTANCE,
                name -> Optional.empty(), AudienceFixtures.AS_OF).compile(definition("two", "{'all': [{'trait': 'a', 'operator': 'is-set'},"
                + " {'event': 'Order Completed', 'where': [{'property': 'coupon', 'operator': 'before', 'value': 'x'}]}]}")));
        assertEquals(List.of("rule.all[0].trait: unknown trait \"a\"; model.customers has \"customer_id\", \"country\", \"email\", \"orders\","
                        + " \"lifetime_value\", \"score\", \"vip\", \"birthday\", \"first_seen\", \"last_order_at\", \"profile\"",
                "rule.all[1].where[0].value: property \"coupon\" of event \"Order Completed\" holds an ISO-8601 time in text; give a date such as"
                        + " \"2024-06-01\" or a time such as \"2024-06-01T12:00:00Z\", got \"x\""), error.details());
        assertEquals("2 problems in audience two: " + String.join("; ", error.details()), error.getMessage());
    }
}
