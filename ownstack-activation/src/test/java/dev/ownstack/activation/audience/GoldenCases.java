package dev.ownstack.activation.audience;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.activation.audience.ModelCatalog.EventInfo;
import dev.ownstack.activation.audience.ModelCatalog.JsonType;
import dev.ownstack.activation.audience.ModelCatalog.PropertyInfo;
import dev.ownstack.core.config.audiences.AllOf;
import dev.ownstack.core.config.audiences.AudienceDefinition;
import dev.ownstack.core.config.audiences.EventCondition;
import dev.ownstack.core.config.audiences.Operator;
import dev.ownstack.core.config.audiences.PropertyFilter;
import dev.ownstack.core.config.audiences.RuleValue;
import dev.ownstack.core.config.audiences.TraitCondition;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.core.config.audiences.AudienceParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The fixed inputs of the golden SQL: a catalog written by hand (the columns of
 * {@link AudienceFixtures}, the events and properties it has), a fixed as-of time, and one case per
 * operator and rule shape. Each case is an audience definition as JSON with single quotes.
 */
final class GoldenCases {
    static final Instant AS_OF = Instant.parse("2025-01-01T00:00:00Z");

    /** A case: its file name (without {@code .sql}), the definition, and whether the holdout group is compiled. */
    record Case(String name, AudienceDefinition definition, boolean holdoutGroup) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A property name with a quote, a backslash, double quotes and a comment marker. */
    static final String HOSTILE_PROPERTY = "it's \\ \"odd\" -- key";

    /** Audiences the membership cases refer to; {@code vip_sample} has its own sampling and holdout. */
    static final Map<String, AudienceDefinition> OTHERS = Map.of(
            "gb", definition("gb", "{'rule': {'trait': 'country', 'operator': 'equals', 'value': 'GB'}}"),
            "vip_sample", definition("vip_sample", "{'holdout-percent': 10, 'sample-percent': 50,"
                    + " 'rule': {'trait': 'vip', 'operator': 'equals', 'value': true}}"));

    static final List<Case> CASES = List.of(
            rule("trait-equals", "{'trait': 'country', 'operator': 'equals', 'value': 'GB'}"),
            rule("trait-not-equals", "{'trait': 'country', 'operator': 'not-equals', 'value': 'GB'}"),
            rule("trait-in", "{'trait': 'country', 'operator': 'in', 'value': ['GB', 'IE']}"),
            rule("trait-not-in", "{'trait': 'country', 'operator': 'not-in', 'value': ['GB', 'IE']}"),
            rule("trait-greater", "{'trait': 'orders', 'operator': 'greater', 'value': 2}"),
            rule("trait-greater-or-equal", "{'trait': 'orders', 'operator': 'greater-or-equal', 'value': 2}"),
            rule("trait-less", "{'trait': 'score', 'operator': 'less', 'value': 0.5}"),
            rule("trait-less-or-equal", "{'trait': 'orders', 'operator': 'less-or-equal', 'value': 1}"),
            rule("trait-between", "{'trait': 'lifetime_value', 'operator': 'between', 'value': [20, 150.5]}"),
            rule("trait-contains", "{'trait': 'email', 'operator': 'contains', 'value': '100%_real'}"),
            rule("trait-starts-with", "{'trait': 'email', 'operator': 'starts-with', 'value': 'ann'}"),
            rule("trait-is-set", "{'trait': 'email', 'operator': 'is-set'}"),
            rule("trait-is-not-set", "{'trait': 'profile', 'operator': 'is-not-set'}"),
            rule("trait-boolean-equals", "{'trait': 'vip', 'operator': 'equals', 'value': true}"),
            rule("trait-date-equals", "{'trait': 'birthday', 'operator': 'equals', 'value': '1990-05-01'}"),
            rule("trait-date-before", "{'trait': 'birthday', 'operator': 'before', 'value': '1990-01-01'}"),
            rule("trait-date-between", "{'trait': 'birthday', 'operator': 'between', 'value': ['1980-01-01', '1989-12-31']}"),
            rule("trait-time-equals-day", "{'trait': 'first_seen', 'operator': 'equals', 'value': '2024-01-01'}"),
            rule("trait-time-after", "{'trait': 'first_seen', 'operator': 'after', 'value': '2024-06-01T12:00:00Z'}"),
            rule("trait-time-not-equals", "{'trait': 'first_seen', 'operator': 'not-equals', 'value': '2024-01-01'}"),
            rule("trait-timestamptz-within-last-days", "{'trait': 'last_order_at', 'operator': 'within-last-days', 'value': 30}"),
            rule("trait-timestamptz-more-than-days-ago", "{'trait': 'last_order_at', 'operator': 'more-than-days-ago', 'value': 90}"),
            rule("trait-date-within-last-days", "{'trait': 'birthday', 'operator': 'within-last-days', 'value': 7}"),
            rule("event-performed", "{'event': 'Order Completed'}"),
            rule("event-not-performed", "{'event': 'Order Completed', 'performed': false}"),
            rule("event-where-number", "{'event': 'Order Completed', 'where': [{'property': 'total', 'operator': 'greater', 'value': 50}]}"),
            rule("event-where-number-between",
                    "{'event': 'Order Completed', 'where': [{'property': 'total', 'operator': 'between', 'value': [10, 100]}]}"),
            rule("event-where-text-in", "{'event': 'Order Completed', 'where': [{'property': 'currency', 'operator': 'in', 'value': ['GBP', 'EUR']}]}"),
            rule("event-where-not-equals", "{'event': 'Order Completed', 'where': [{'property': 'currency', 'operator': 'not-equals', 'value': 'GBP'}]}"),
            rule("event-where-contains", "{'event': 'Order Completed', 'where': [{'property': 'coupon', 'operator': 'contains', 'value': '%OFF'}]}"),
            rule("event-where-starts-with", "{'event': 'Product Viewed', 'where': [{'property': 'sku', 'operator': 'starts-with', 'value': 'A_'}]}"),
            rule("event-where-boolean", "{'event': 'Order Completed', 'where': [{'property': 'gift', 'operator': 'equals', 'value': true}]}"),
            rule("event-where-is-set", "{'event': 'Order Completed', 'where': [{'property': 'coupon', 'operator': 'is-set'}]}"),
            rule("event-where-is-not-set", "{'event': 'Order Completed', 'where': [{'property': 'coupon', 'operator': 'is-not-set'}]}"),
            rule("event-where-iso-time-before", "{'event': 'Signed Up', 'where': [{'property': 'trial_ends', 'operator': 'before', 'value': '2025-01-10'}]}"),
            rule("event-where-iso-time-within-last-days",
                    "{'event': 'Signed Up', 'where': [{'property': 'trial_ends', 'operator': 'within-last-days', 'value': 14}]}"),
            rule("event-count-at-least", "{'event': 'Product Viewed', 'count': {'operator': 'at-least', 'value': 3}}"),
            rule("event-count-at-most", "{'event': 'Product Viewed', 'count': {'operator': 'at-most', 'value': 2}}"),
            rule("event-count-exactly", "{'event': 'Product Viewed', 'count': {'operator': 'exactly', 'value': 2}}"),
            rule("event-count-exactly-zero", "{'event': 'Product Viewed', 'count': {'operator': 'exactly', 'value': 0}}"),
            rule("event-within-days", "{'event': 'Order Completed', 'within-days': 30}"),
            rule("event-between-dates", "{'event': 'Order Completed', 'between': ['2024-12-01', '2024-12-31']}"),
            rule("event-not-performed-within-days-with-filter", "{'event': 'Order Completed', 'performed': false, 'within-days': 90,"
                    + " 'where': [{'property': 'total', 'operator': 'greater-or-equal', 'value': 100}]}"),
            rule("transactions-count", "{'transactions': 'count', 'operator': 'greater-or-equal', 'value': 2, 'within-days': 365}"),
            rule("transactions-count-holds-for-none", "{'transactions': 'count', 'operator': 'less', 'value': 2}"),
            rule("transactions-sum", "{'transactions': 'sum', 'of': 'amount', 'operator': 'greater', 'value': 500, 'type': ['order']}"),
            rule("transactions-sum-holds-for-none", "{'transactions': 'sum', 'operator': 'less-or-equal', 'value': 100, 'within-days': 90}"),
            rule("transactions-average", "{'transactions': 'average', 'operator': 'between', 'value': [20, 80],"
                    + " 'between': ['2024-01-01', '2024-12-31']}"),
            rule("score-trait-equals", "{'trait': 'churn_decile', 'operator': 'equals', 'value': 10}"),
            rule("score-trait-is-not-set", "{'trait': 'ltv_value', 'operator': 'is-not-set'}"),
            rule("score-traits-in-groups", "{'all': [{'any': [{'trait': 'churn_decile', 'operator': 'greater-or-equal', 'value': 9},"
                    + " {'audience': 'gb'}]}, {'not': {'trait': 'ltv_value', 'operator': 'less', 'value': 100}}]}"),
            rule("audience", "{'audience': 'gb'}"),
            rule("audience-with-sample-and-holdout", "{'audience': 'vip_sample'}"),
            rule("not", "{'not': {'trait': 'country', 'operator': 'equals', 'value': 'GB'}}"),
            rule("not-of-a-group", "{'not': {'any': [{'event': 'Order Completed'}, {'trait': 'vip', 'operator': 'equals', 'value': true}]}}"),
            rule("any", "{'any': [{'trait': 'country', 'operator': 'equals', 'value': 'GB'}, {'event': 'Signed Up', 'within-days': 7}]}"),
            rule("all", "{'all': [{'trait': 'country', 'operator': 'in', 'value': ['GB', 'IE']}, {'event': 'Order Completed'},"
                    + " {'transactions': 'sum', 'operator': 'greater', 'value': 100}]}"),
            rule("all-empty", "{'all': []}"),
            rule("nested-groups", "{'all': [{'any': [{'trait': 'vip', 'operator': 'equals', 'value': true}, {'not': {'audience': 'gb'}}]},"
                    + " {'event': 'Product Viewed', 'performed': false, 'within-days': 30}]}"),
            new Case("holdout", definition("holdout", "{'holdout-percent': 10, 'rule': {'event': 'Order Completed'}}"), false),
            new Case("holdout-control-group", definition("holdout", "{'holdout-percent': 10, 'rule': {'event': 'Order Completed'}}"), true),
            new Case("sample", definition("sample", "{'sample-percent': 25, 'rule': {'trait': 'country', 'operator': 'equals', 'value': 'GB'}}"),
                    false),
            new Case("hostile-values", AudienceDefinition.of("hostile", AllOf.of(
                    TraitCondition.of("email", Operator.EQUALS, RuleValue.of("x'; DROP TABLE model.customers; --")),
                    EventCondition.performed("Order Completed").withWhere(List.of(
                            PropertyFilter.of(HOSTILE_PROPERTY, Operator.EQUALS, RuleValue.of("/* c */ \\'")))))), false));

    private GoldenCases() {
    }

    /** The catalog the cases compile against: no warehouse is read. */
    static ModelCatalog catalog() {
        Map<String, EventInfo> events = new LinkedHashMap<>();
        events.put("Order Completed", event("Order Completed", 1000, property("total", 1000, JsonType.NUMBER),
                property("currency", 900, JsonType.STRING), property("coupon", 120, JsonType.STRING), property("gift", 30, JsonType.BOOLEAN),
                property(HOSTILE_PROPERTY, 1, JsonType.STRING)));
        events.put("Product Viewed", event("Product Viewed", 5000, property("sku", 5000, JsonType.STRING),
                property("price", 4000, JsonType.NUMBER, JsonType.STRING)));
        events.put("Signed Up", event("Signed Up", 800, property("plan", 800, JsonType.STRING), property("trial_ends", 200, JsonType.STRING),
                property("referrer", 10, JsonType.NULL)));
        return new ModelCatalog(AudienceFixtures.CUSTOMER_COLUMNS, AudienceFixtures.EVENT_COLUMNS, AudienceFixtures.TRANSACTION_COLUMNS, events,
                List.of(new ScoreTrait(new Column("churn_decile", ColumnType.BIGINT), "churn", "3"),
                        new ScoreTrait(new Column("ltv_value", ColumnType.DOUBLE), "ltv", "1")));
    }

    static AudienceCompiler compiler(SqlDialect dialect) {
        return new AudienceCompiler(catalog(), dialect, name -> Optional.ofNullable(OTHERS.get(name)), AS_OF);
    }

    private static Case rule(String name, String rule) {
        return new Case(name, definition(name.replace('-', '_'), "{'rule': " + rule + "}"), false);
    }

    private static AudienceDefinition definition(String name, String singleQuoted) {
        try {
            return AudienceParser.parseDefinition(name, JSON.readTree(singleQuoted.replace('\'', '"')));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static EventInfo event(String name, long count, PropertyInfo... properties) {
        Map<String, PropertyInfo> byName = new TreeMap<>();
        for (PropertyInfo property : properties) {
            byName.put(property.name(), property);
        }
        return new EventInfo(name, count, byName);
    }

    private static PropertyInfo property(String name, long count, JsonType first, JsonType... more) {
        return new PropertyInfo(name, EnumSet.of(first, more), count);
    }
}
