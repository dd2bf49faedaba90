package dev.ownstack.activation.audience;

import static dev.ownstack.activation.audience.Audiences.definition;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ownstack.core.config.audiences.AudienceDefinition;
import dev.ownstack.warehouse.PostgresTestDatabase;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import dev.ownstack.warehouse.postgres.PostgresWarehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The same audiences compiled for DuckDB and for PostgreSQL select the same customers from the
 * same generated tables: a rule for every operator, groups, negation, events with property
 * filters and counts, transactions, nested audiences, sampling and holdouts. Every rule selects
 * some customers but not all, so that agreeing on "nobody" or "everybody" proves nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AudienceEquivalenceIT {
    private static final int CUSTOMERS = 3000;
    private static final List<AudienceDefinition> RULES = List.of(
            definition("country_equals", "{'trait': 'country', 'operator': 'equals', 'value': 'GB'}"),
            definition("country_not_equals", "{'trait': 'country', 'operator': 'not-equals', 'value': 'GB'}"),
            definition("country_in", "{'trait': 'country', 'operator': 'in', 'value': ['GB', 'IE']}"),
            definition("country_not_in", "{'trait': 'country', 'operator': 'not-in', 'value': ['GB', 'US']}"),
            definition("email_contains", "{'trait': 'email', 'operator': 'contains', 'value': '_x%'}"),
            definition("email_starts_with", "{'trait': 'email', 'operator': 'starts-with', 'value': 'user1'}"),
            definition("email_is_set", "{'trait': 'email', 'operator': 'is-set'}"),
            definition("email_is_not_set", "{'trait': 'email', 'operator': 'is-not-set'}"),
            definition("orders_greater", "{'trait': 'orders', 'operator': 'greater', 'value': 10}"),
            definition("orders_greater_or_equal", "{'trait': 'orders', 'operator': 'greater-or-equal', 'value': 10}"),
            definition("orders_less", "{'trait': 'orders', 'operator': 'less', 'value': 5}"),
            definition("orders_less_or_equal", "{'trait': 'orders', 'operator': 'less-or-equal', 'value': 5}"),
            definition("orders_equals", "{'trait': 'orders', 'operator': 'equals', 'value': 7}"),
            definition("orders_not_equals", "{'trait': 'orders', 'operator': 'not-equals', 'value': 7}"),
            definition("orders_in", "{'trait': 'orders', 'operator': 'in', 'value': [1, 2, 3]}"),
            definition("orders_not_in", "{'trait': 'orders', 'operator': 'not-in', 'value': [1, 2, 3]}"),
            definition("value_between", "{'trait': 'lifetime_value', 'operator': 'between', 'value': [100.005, 900.005]}"),
            definition("score_greater", "{'trait': 'score', 'operator': 'greater', 'value': 0.755}"),
            definition("vip_equals", "{'trait': 'vip', 'operator': 'equals', 'value': true}"),
            definition("vip_not_equals", "{'trait': 'vip', 'operator': 'not-equals', 'value': true}"),
            definition("birthday_before", "{'trait': 'birthday', 'operator': 'before', 'value': '1970-01-01'}"),
            definition("birthday_after", "{'trait': 'birthday', 'operator': 'after', 'value': '1990-06-15'}"),
            definition("birthday_between", "{'trait': 'birthday', 'operator': 'between', 'value': ['1960-01-01', '1979-12-31']}"),
            definition("birthday_within", "{'trait': 'birthday', 'operator': 'within-last-days', 'value': 10950}"),
            definition("birthday_more_than", "{'trait': 'birthday', 'operator': 'more-than-days-ago', 'value': 21900}"),
            definition("first_seen_within", "{'trait': 'first_seen', 'operator': 'within-last-days', 'value': 90}"),
            definition("first_seen_more_than", "{'trait': 'first_seen', 'operator': 'more-than-days-ago', 'value': 365}"),
            definition("first_seen_after", "{'trait': 'first_seen', 'operator': 'after', 'value': '2024-06-01'}"),
            definition("first_seen_before", "{'trait': 'first_seen', 'operator': 'before', 'value': '2023-06-01T12:30:00Z'}"),
            definition("first_seen_on", "{'trait': 'first_seen', 'operator': 'equals', 'value': '2024-03-03'}"),
            definition("first_seen_not_on", "{'trait': 'first_seen', 'operator': 'not-equals', 'value': '2024-03-03'}"),
            definition("last_order_within", "{'trait': 'last_order_at', 'operator': 'within-last-days', 'value': 180}"),
            definition("last_order_between", "{'trait': 'last_order_at', 'operator': 'between', 'value': ['2023-03-01', '2023-09-30']}"),
            definition("last_order_not_set", "{'trait': 'last_order_at', 'operator': 'is-not-set'}"),
            definition("profile_set", "{'trait': 'profile', 'operator': 'is-set'}"),
            definition("ordered", "{'event': 'Order Completed'}"),
            definition("never_ordered", "{'event': 'Order Completed', 'performed': false}"),
            definition("ordered_3_times", "{'event': 'Order Completed', 'count': {'operator': 'at-least', 'value': 3}}"),
            definition("ordered_at_most_once", "{'event': 'Order Completed', 'count': {'operator': 'at-most', 'value': 1}}"),
            definition("ordered_twice", "{'event': 'Order Completed', 'count': {'operator': 'exactly', 'value': 2}}"),
            definition("ordered_recently", "{'event': 'Order Completed', 'within-days': 90}"),
            definition("ordered_in_q1", "{'event': 'Order Completed', 'between': ['2024-01-01', '2024-03-31']}"),
            definition("big_order", "{'event': 'Order Completed', 'where': [{'property': 'total', 'operator': 'greater', 'value': 250.005}]}"),
            definition("small_orders", "{'event': 'Order Completed', 'where': [{'property': 'total', 'operator': 'between', 'value': [10.005, 90.005]}],"
                    + " 'count': {'operator': 'at-least', 'value': 2}}"),
            definition("xmas", "{'event': 'Order Completed', 'where': [{'property': 'coupon', 'operator': 'equals', 'value': 'XMAS'}]}"),
            definition("not_xmas", "{'event': 'Order Completed', 'where': [{'property': 'coupon', 'operator': 'not-equals', 'value': 'XMAS'}]}"),
            definition("coupons", "{'event': 'Order Completed', 'where': [{'property': 'coupon', 'operator': 'in', 'value': ['XMAS', 'SAVE10']}]}"),
            definition("coupon_contains", "{'event': 'Order Completed', 'where': [{'property': 'coupon', 'operator': 'contains', 'value': 'AV'}]}"),
            definition("coupon_starts", "{'event': 'Order Completed', 'where': [{'property': 'coupon', 'operator': 'starts-with', 'value': 'X'}]}"),
            definition("gifts", "{'event': 'Order Completed', 'where': [{'property': 'gift', 'operator': 'equals', 'value': true}]}"),
            definition("cheap_views", "{'event': 'Product Viewed', 'where': [{'property': 'price', 'operator': 'less', 'value': 10}]}"),
            definition("views_not_5", "{'event': 'Product Viewed', 'where': [{'property': 'price', 'operator': 'not-in', 'value': [5, 6]}],"
                    + " 'count': {'operator': 'at-least', 'value': 4}}"),
            definition("sku_views", "{'event': 'Product Viewed', 'where': [{'property': 'sku', 'operator': 'in', 'value': ['SKU-1', 'SKU-2']}]}"),
            definition("pro_signups", "{'event': 'Signed Up', 'where': [{'property': 'plan', 'operator': 'equals', 'value': 'pro'},"
                    + " {'property': 'referrer', 'operator': 'is-not-set'}]}"),
            definition("plan_set", "{'event': 'Signed Up', 'where': [{'property': 'plan', 'operator': 'is-set'}]}"),
            definition("trial_after", "{'event': 'Signed Up', 'where': [{'property': 'trial_ends', 'operator': 'after', 'value': '2024-06-01'}]}"),
            definition("trial_before", "{'event': 'Signed Up', 'where': [{'property': 'trial_ends', 'operator': 'before', 'value': '2023-06-01T12:00:00Z'}]}"),
            definition("trial_within", "{'event': 'Signed Up', 'where': [{'property': 'trial_ends', 'operator': 'within-last-days', 'value': 180}]}"),
            definition("trial_more_than", "{'event': 'Signed Up', 'where': [{'property': 'trial_ends', 'operator': 'more-than-days-ago', 'value': 365}]}"),
            definition("trial_between", "{'event': 'Signed Up', 'where': [{'property': 'trial_ends', 'operator': 'between', 'value': ['2023-06-01', '2023-12-31']}]}"),
            definition("no_abandoned_carts", "{'event': 'Cart Abandoned', 'performed': false, 'within-days': 365}"),
            definition("transactions_4", "{'transactions': 'count', 'operator': 'greater-or-equal', 'value': 4}"),
            definition("transactions_none", "{'transactions': 'count', 'operator': 'equals', 'value': 0}"),
            definition("transactions_few", "{'transactions': 'count', 'operator': 'less', 'value': 2}"),
            definition("transactions_in", "{'transactions': 'count', 'operator': 'in', 'value': [1, 2]}"),
            definition("transactions_not_in", "{'transactions': 'count', 'operator': 'not-in', 'value': [1, 2]}"),
            definition("refunded", "{'transactions': 'count', 'operator': 'greater', 'value': 0, 'type': 'refund'}"),
            definition("spent_1000", "{'transactions': 'sum', 'of': 'amount', 'operator': 'greater', 'value': 1000.005}"),
            definition("spent_little", "{'transactions': 'sum', 'operator': 'less', 'value': 100.005}"),
            definition("spent_between", "{'transactions': 'sum', 'operator': 'between', 'value': [200.005, 900.005], 'within-days': 365}"),
            definition("order_sum_not_0", "{'transactions': 'sum', 'operator': 'not-equals', 'value': 0, 'type': ['order', 'subscription'],"
                    + " 'between': ['2024-01-01', '2024-06-30']}"),
            definition("average_high", "{'transactions': 'average', 'operator': 'greater', 'value': 400.005}"),
            definition("average_low", "{'transactions': 'average', 'operator': 'less-or-equal', 'value': 200.005, 'within-days': 365}"),
            definition("valuable_europeans", "{'all': [{'trait': 'country', 'operator': 'in', 'value': ['GB', 'IE', 'DE']},"
                    + " {'event': 'Order Completed', 'within-days': 365}, {'transactions': 'sum', 'operator': 'greater', 'value': 200.005}]}"),
            definition("vip_or_no_email", "{'any': [{'trait': 'vip', 'operator': 'equals', 'value': true}, {'not': {'trait': 'email', 'operator': 'is-set'}}]}"),
            definition("neither", "{'not': {'any': [{'trait': 'vip', 'operator': 'equals', 'value': true}, {'event': 'Order Completed', 'within-days': 180}]}}"),
            definition("not_both", "{'not': {'all': [{'trait': 'orders', 'operator': 'greater', 'value': 3}, {'trait': 'score', 'operator': 'less', 'value': 0.5}]}}"),
            definition("nested", "{'all': [{'audience': 'valuable_europeans'}, {'not': {'audience': 'refunded'}}]}"),
            definition("churn_top", "{'trait': 'churn_decile', 'operator': 'equals', 'value': 10}"),
            definition("churn_not_top", "{'trait': 'churn_decile', 'operator': 'not-equals', 'value': 10}"),
            definition("churn_not_in", "{'trait': 'churn_decile', 'operator': 'not-in', 'value': [1, 2, 3]}"),
            definition("churn_unscored", "{'trait': 'churn_decile', 'operator': 'is-not-set'}"),
            definition("churn_top_valuable", "{'all': [{'trait': 'churn_decile', 'operator': 'greater-or-equal', 'value': 9},"
                    + " {'trait': 'ltv_value', 'operator': 'greater', 'value': 1000.005}]}"),
            definition("gb_or_churning", "{'any': [{'trait': 'country', 'operator': 'equals', 'value': 'GB'},"
                    + " {'trait': 'churn_probability', 'operator': 'greater', 'value': 0.9}]}"),
            definition("not_churn_middle", "{'not': {'trait': 'churn_decile', 'operator': 'between', 'value': [3, 7]}}"),
            definition("churn_nested", "{'all': [{'audience': 'churn_top_valuable'}, {'not': {'audience': 'gb_or_churning'}},"
                    + " {'event': 'Order Completed'}]}"),
            definition("nested_any", "{'any': [{'audience': 'xmas'}, {'audience': 'sampled'}]}"),
            new AudienceDefinition("sampled", "", Audiences.rule("{'event': 'Order Completed'}"), 0, 30),
            new AudienceDefinition("held_out", "", Audiences.rule("{'trait': 'vip', 'operator': 'equals', 'value': true}"), 20, 100),
            new AudienceDefinition("sampled_and_held", "", Audiences.rule("{'all': []}"), 10, 50));
    private static final Map<String, AudienceDefinition> BY_NAME = Audiences.byName(RULES.toArray(AudienceDefinition[]::new));

    private PostgresTestDatabase database;
    private Warehouse duckdb;
    private Warehouse postgres;

    @BeforeAll
    void load() {
        duckdb = DuckDbWarehouse.inMemory();
        database = PostgresTestDatabase.create();
        postgres = PostgresWarehouse.connect(database.config());
        new GeneratedModels(5, CUSTOMERS).load(duckdb);
        new GeneratedModels(5, CUSTOMERS).load(postgres);
    }

    @AfterAll
    void close() {
        duckdb.close();
        postgres.close();
        database.close();
    }

    @Test
    void every_rule_selects_the_same_customers_on_both_engines() {
        AudienceCompiler onDuckDb = Audiences.compiler(duckdb, ModelCatalog.read(duckdb), BY_NAME);
        AudienceCompiler onPostgres = Audiences.compiler(postgres, ModelCatalog.read(postgres), BY_NAME);
        List<String> differences = new ArrayList<>();
        for (AudienceDefinition definition : RULES) {
            List<String> fromDuckDb = Audiences.run(duckdb, onDuckDb.compile(definition));
            List<String> fromPostgres = Audiences.run(postgres, onPostgres.compile(definition));
            if (!fromDuckDb.equals(fromPostgres)) {
                differences.add(definition.name() + ": duckdb " + fromDuckDb.size() + " members, postgres " + fromPostgres.size());
            } else if (fromDuckDb.isEmpty() || fromDuckDb.size() == CUSTOMERS) {
                differences.add(definition.name() + ": " + fromDuckDb.size() + " members on both; the rule proves nothing");
            }
        }
        assertEquals(List.of(), differences);
    }

    @Test
    void holdout_groups_are_the_same_on_both_engines() {
        AudienceCompiler onDuckDb = Audiences.compiler(duckdb, ModelCatalog.read(duckdb), BY_NAME);
        AudienceCompiler onPostgres = Audiences.compiler(postgres, ModelCatalog.read(postgres), BY_NAME);
        for (String name : List.of("held_out", "sampled_and_held")) {
            List<String> fromDuckDb = Audiences.run(duckdb, onDuckDb.compileHoldout(BY_NAME.get(name)));
            assertEquals(fromDuckDb, Audiences.run(postgres, onPostgres.compileHoldout(BY_NAME.get(name))), name);
            org.junit.jupiter.api.Assertions.assertFalse(fromDuckDb.isEmpty(), name);
        }
    }

    @Test
    void the_catalogs_agree() {
        assertEquals(ModelCatalog.read(duckdb), ModelCatalog.read(postgres));
    }
}
