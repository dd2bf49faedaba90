package dev.ownstack.activation.audience;

import static dev.ownstack.activation.audience.Audiences.definition;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ownstack.core.config.audiences.AudienceDefinition;
import dev.ownstack.warehouse.Warehouse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Exact members of every operator on the hand-made tables of {@link AudienceFixtures}, as of
 * 2025-01-01T00:00Z; one run per engine ({@code AudienceCompilerTest}, {@code AudienceCompilerIT}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AudienceCompilerSuite {
    protected Warehouse warehouse;
    protected ModelCatalog catalog;
    protected static final Map<String, AudienceDefinition> OTHERS = Audiences.byName(
            definition("gb", "{'trait': 'country', 'operator': 'equals', 'value': 'GB'}"),
            definition("buyers", "{'event': 'Order Completed'}"),
            definition("gb_buyers", "{'all': [{'audience': 'gb'}, {'audience': 'buyers'}]}"));

    /** A fresh, empty warehouse of the engine under test. */
    protected abstract Warehouse open();

    @BeforeAll
    void load() {
        warehouse = open();
        AudienceFixtures.load(warehouse);
        catalog = ModelCatalog.read(warehouse);
    }

    @AfterAll
    void close() {
        warehouse.close();
    }

    private List<String> members(String rule) {
        return Audiences.run(warehouse, Audiences.compiler(warehouse, catalog, OTHERS).compile(definition("test", rule)));
    }

    private void expect(String rule, String... ids) {
        assertEquals(List.of(ids), members(rule), rule);
    }

    @Test
    void compares_text_traits() {
        expect("{'trait': 'country', 'operator': 'equals', 'value': 'GB'}", "c1", "c3");
        expect("{'trait': 'country', 'operator': 'not-equals', 'value': 'GB'}", "c2", "c4", "c5", "c6"); // c5 has no country
        expect("{'trait': 'country', 'operator': 'in', 'value': ['GB', 'IE']}", "c1", "c3", "c6");
        expect("{'trait': 'country', 'operator': 'not-in', 'value': ['GB', 'IE']}", "c2", "c4", "c5");
        expect("{'trait': 'email', 'operator': 'contains', 'value': 'example.com'}", "c1", "c4", "c6"); // case matters: not c5
        expect("{'trait': 'email', 'operator': 'contains', 'value': '%_'}", "c4"); // LIKE wildcards are plain characters
        expect("{'trait': 'email', 'operator': 'starts-with', 'value': 'e'}", "c5");
        expect("{'trait': 'email', 'operator': 'starts-with', 'value': '_'}");
        expect("{'trait': 'email', 'operator': 'is-set'}", "c1", "c2", "c4", "c5", "c6");
        expect("{'trait': 'email', 'operator': 'is-not-set'}", "c3");
    }

    @Test
    void compares_number_traits() {
        expect("{'trait': 'orders', 'operator': 'equals', 'value': 2}", "c4");
        expect("{'trait': 'orders', 'operator': 'not-equals', 'value': 2}", "c1", "c2", "c3", "c5", "c6");
        expect("{'trait': 'orders', 'operator': 'in', 'value': [0, 1]}", "c2", "c3");
        expect("{'trait': 'orders', 'operator': 'not-in', 'value': [0, 1]}", "c1", "c4", "c5", "c6");
        expect("{'trait': 'orders', 'operator': 'greater', 'value': 2}", "c1", "c6");
        expect("{'trait': 'orders', 'operator': 'greater-or-equal', 'value': 2}", "c1", "c4", "c6");
        expect("{'trait': 'orders', 'operator': 'less', 'value': 2}", "c2", "c3");
        expect("{'trait': 'orders', 'operator': 'less-or-equal', 'value': 1}", "c2", "c3");
        expect("{'trait': 'lifetime_value', 'operator': 'between', 'value': [20, 150]}", "c2", "c4", "c6");
        expect("{'trait': 'lifetime_value', 'operator': 'greater', 'value': 99.985}", "c1", "c4", "c6");
        expect("{'trait': 'score', 'operator': 'greater', 'value': 0.45}", "c1", "c4", "c5");
        expect("{'trait': 'score', 'operator': 'is-not-set'}", "c3");
    }

    @Test
    void compares_boolean_and_json_traits() {
        expect("{'trait': 'vip', 'operator': 'equals', 'value': true}", "c1", "c5", "c6");
        expect("{'trait': 'vip', 'operator': 'not-equals', 'value': true}", "c2", "c3", "c4"); // c3 has no value
        expect("{'trait': 'vip', 'operator': 'equals', 'value': false}", "c2", "c4");
        expect("{'trait': 'profile', 'operator': 'is-set'}", "c1", "c4");
    }

    @Test
    void compares_date_traits_by_whole_days() {
        expect("{'trait': 'birthday', 'operator': 'equals', 'value': '1990-05-01'}", "c1", "c5");
        expect("{'trait': 'birthday', 'operator': 'not-equals', 'value': '1990-05-01'}", "c2", "c3", "c4", "c6");
        expect("{'trait': 'birthday', 'operator': 'before', 'value': '1985-01-02'}", "c4", "c6");
        expect("{'trait': 'birthday', 'operator': 'after', 'value': '1990-05-01'}", "c2");
        expect("{'trait': 'birthday', 'operator': 'between', 'value': ['1980-01-01', '1990-05-01']}", "c1", "c4", "c5");
        expect("{'trait': 'birthday', 'operator': 'within-last-days', 'value': 9000}", "c2"); // since 2000-05-12
        expect("{'trait': 'birthday', 'operator': 'more-than-days-ago', 'value': 14610}", "c6"); // before 1985-01-01
        expect("{'trait': 'birthday', 'operator': 'more-than-days-ago', 'value': 14609}", "c4", "c6"); // before 1985-01-02
    }

    @Test
    void compares_timestamp_traits() {
        expect("{'trait': 'first_seen', 'operator': 'within-last-days', 'value': 30}", "c2", "c4", "c6"); // from 2024-12-02
        expect("{'trait': 'first_seen', 'operator': 'more-than-days-ago', 'value': 180}", "c1", "c3"); // before 2024-07-05
        expect("{'trait': 'first_seen', 'operator': 'equals', 'value': '2024-12-15'}", "c2"); // on that day
        expect("{'trait': 'first_seen', 'operator': 'equals', 'value': '2024-01-01T10:00:00Z'}", "c1"); // at that instant
        expect("{'trait': 'first_seen', 'operator': 'after', 'value': '2024-12-20'}", "c4"); // after the whole day
        expect("{'trait': 'first_seen', 'operator': 'after', 'value': '2024-12-20T07:59:59'}", "c4", "c6");
        expect("{'trait': 'first_seen', 'operator': 'before', 'value': '2024-01-01T10:00:00Z'}", "c3");
        expect("{'trait': 'first_seen', 'operator': 'before', 'value': '2024-01-01T11:00:00+01:00'}", "c3"); // 10:00 UTC
        expect("{'trait': 'last_order_at', 'operator': 'within-last-days', 'value': 7}", "c1", "c4");
        expect("{'trait': 'last_order_at', 'operator': 'after', 'value': '2024-10-01T00:00:00Z'}", "c1", "c4", "c5");
        expect("{'trait': 'last_order_at', 'operator': 'between', 'value': ['2024-06-01', '2024-10-01']}", "c2", "c6");
        expect("{'trait': 'last_order_at', 'operator': 'is-not-set'}", "c3");
    }

    @Test
    void selects_by_events_and_their_counts() {
        expect("{'event': 'Order Completed'}", "c1", "c4", "c6"); // the event of nobody (m14) counts for no one
        expect("{'event': 'Order Completed', 'performed': false}", "c2", "c3", "c5");
        expect("{'event': 'Order Completed', 'count': {'operator': 'at-least', 'value': 2}}", "c1");
        expect("{'event': 'Order Completed', 'count': {'operator': 'exactly', 'value': 1}}", "c4", "c6");
        expect("{'event': 'Order Completed', 'count': {'operator': 'exactly', 'value': 0}}", "c2", "c3", "c5");
        expect("{'event': 'Order Completed', 'count': {'operator': 'at-most', 'value': 1}}", "c2", "c3", "c4", "c5", "c6");
        expect("{'event': 'Order Completed', 'count': {'operator': 'at-least', 'value': 0}}", "c1", "c2", "c3", "c4", "c5", "c6");
        expect("{'event': 'Product Viewed', 'count': {'operator': 'at-least', 'value': 3}}", "c2");
    }

    @Test
    void counts_events_in_a_window() {
        expect("{'event': 'Order Completed', 'within-days': 7}", "c1", "c4"); // from 2024-12-25
        expect("{'event': 'Order Completed', 'between': ['2024-12-20', '2024-12-21']}", "c1", "c6");
        expect("{'event': 'Order Completed', 'performed': false, 'within-days': 7}", "c2", "c3", "c5", "c6");
        expect("{'event': 'Order Completed', 'within-days': 365, 'count': {'operator': 'at-least', 'value': 3}}", "c1");
        expect("{'event': 'Order Completed', 'within-days': 30, 'count': {'operator': 'at-least', 'value': 3}}");
    }

    @Test
    void filters_events_by_properties() {
        expect("{'event': 'Order Completed', 'where': [{'property': 'total', 'operator': 'greater', 'value': 50}]}", "c1", "c4", "c6");
        expect("{'event': 'Order Completed', 'where': [{'property': 'total', 'operator': 'greater', 'value': 50}],"
                + " 'count': {'operator': 'at-least', 'value': 2}}", "c1");
        expect("{'event': 'Order Completed', 'where': [{'property': 'total', 'operator': 'between', 'value': [50, 100]}]}", "c1", "c4");
        expect("{'event': 'Order Completed', 'where': [{'property': 'total', 'operator': 'equals', 'value': 55.5}]}", "c4");
        expect("{'event': 'Order Completed', 'where': [{'property': 'coupon', 'operator': 'contains', 'value': '%'}]}", "c4");
        expect("{'event': 'Order Completed', 'where': [{'property': 'coupon', 'operator': 'equals', 'value': 'XMAS'}]}", "c1");
        expect("{'event': 'Order Completed', 'where': [{'property': 'coupon', 'operator': 'not-equals', 'value': 'XMAS'}]}", "c1", "c4", "c6");
        expect("{'event': 'Order Completed', 'where': [{'property': 'coupon', 'operator': 'in', 'value': ['XMAS', '100%OFF']}]}", "c1", "c4");
        expect("{'event': 'Order Completed', 'where': [{'property': 'coupon', 'operator': 'starts-with', 'value': 'XM'}]}", "c1");
        expect("{'event': 'Order Completed', 'where': [{'property': 'gift', 'operator': 'equals', 'value': true}]}", "c6");
        expect("{'event': 'Order Completed', 'where': [{'property': 'total', 'operator': 'greater', 'value': 50},"
                + " {'property': 'currency', 'operator': 'is-set'}]}", "c1");
        expect("{'event': 'Product Viewed', 'where': [{'property': 'sku', 'operator': 'in', 'value': ['A1']}]}", "c1", "c5");
        expect("{'event': 'Product Viewed', 'where': [{'property': 'price', 'operator': 'greater', 'value': 5}]}", "c1"); // c5's is text
        expect("{'event': 'Product Viewed', 'where': [{'property': 'price', 'operator': 'not-in', 'value': [10]}]}", "c2", "c5");
        expect("{'event': 'Signed Up', 'where': [{'property': 'plan', 'operator': 'is-set'}]}", "c3", "c4", "c6");
        expect("{'event': 'Signed Up', 'where': [{'property': 'referrer', 'operator': 'is-not-set'}]}", "c3", "c4", "c6"); // null is not set
        expect("{'event': 'Signed Up', 'where': [{'property': 'trial_ends', 'operator': 'after', 'value': '2025-01-05'}]}", "c4");
        expect("{'event': 'Signed Up', 'where': [{'property': 'trial_ends', 'operator': 'before', 'value': '2025-01-04'}]}", "c6");
        expect("{'event': 'Signed Up', 'where': [{'property': 'trial_ends', 'operator': 'between', 'value': ['2025-01-03', '2025-01-14']}]}",
                "c4", "c6");
        expect("{'event': 'Signed Up', 'where': [{'property': 'trial_ends', 'operator': 'more-than-days-ago', 'value': 1}]}");
    }

    @Test
    void measures_transactions() {
        expect("{'transactions': 'count', 'operator': 'greater-or-equal', 'value': 2}", "c1", "c6");
        expect("{'transactions': 'count', 'operator': 'equals', 'value': 0}", "c3", "c5"); // customers without transactions
        expect("{'transactions': 'count', 'operator': 'less', 'value': 2}", "c2", "c3", "c4", "c5");
        expect("{'transactions': 'count', 'operator': 'in', 'value': [1, 4]}", "c1", "c2", "c4");
        expect("{'transactions': 'count', 'operator': 'not-in', 'value': [1, 4]}", "c3", "c5", "c6");
        expect("{'transactions': 'count', 'operator': 'greater', 'value': 0, 'type': 'refund'}", "c1");
        expect("{'transactions': 'sum', 'of': 'amount', 'operator': 'greater', 'value': 100}", "c1", "c6"); // c1: 200, c6: 200 and a NULL
        expect("{'transactions': 'sum', 'operator': 'equals', 'value': 230, 'type': ['order']}", "c1");
        expect("{'transactions': 'sum', 'operator': 'less', 'value': 50}", "c2", "c3", "c5");
        expect("{'transactions': 'sum', 'operator': 'not-equals', 'value': 0}", "c1", "c2", "c4", "c6");
        expect("{'transactions': 'sum', 'operator': 'greater', 'value': 50, 'within-days': 30}", "c1", "c4", "c6"); // c1: 80 - 30 + 30
        expect("{'transactions': 'sum', 'operator': 'between', 'value': [50, 100], 'between': ['2024-12-01', '2024-12-31']}", "c1", "c4");
        expect("{'transactions': 'sum', 'operator': 'less-or-equal', 'value': 0, 'within-days': 365}", "c2", "c3", "c5");
        expect("{'transactions': 'average', 'of': 'amount', 'operator': 'greater', 'value': 60}", "c6"); // the NULL amount is left out
        expect("{'transactions': 'average', 'operator': 'less', 'value': 60}", "c1", "c2", "c4"); // no average without transactions
        expect("{'transactions': 'average', 'operator': 'not-equals', 'value': 20}", "c1", "c4", "c6");
    }

    @Test
    void combines_rules_in_groups() {
        expect("{'all': [{'trait': 'country', 'operator': 'equals', 'value': 'GB'}, {'event': 'Order Completed'}]}", "c1");
        expect("{'any': [{'trait': 'country', 'operator': 'equals', 'value': 'DE'}, {'trait': 'vip', 'operator': 'equals', 'value': true}]}",
                "c1", "c4", "c5", "c6");
        expect("{'all': []}", "c1", "c2", "c3", "c4", "c5", "c6");
        expect("{'any': [{'all': [{'trait': 'orders', 'operator': 'greater', 'value': 2}, {'trait': 'vip', 'operator': 'equals', 'value': true}]},"
                + " {'all': [{'event': 'Signed Up'}, {'not': {'event': 'Order Completed'}}]}]}", "c1", "c3", "c6");
    }

    @Test
    void negation_is_the_exact_complement() {
        expect("{'not': {'trait': 'country', 'operator': 'equals', 'value': 'GB'}}", "c2", "c4", "c5", "c6");
        expect("{'not': {'not': {'trait': 'country', 'operator': 'equals', 'value': 'GB'}}}", "c1", "c3");
        expect("{'not': {'all': [{'trait': 'orders', 'operator': 'greater', 'value': 2}, {'trait': 'country', 'operator': 'equals', 'value': 'GB'}]}}",
                "c2", "c3", "c4", "c5", "c6"); // c5 has no orders and no country
        expect("{'not': {'any': [{'trait': 'country', 'operator': 'equals', 'value': 'DE'}, {'trait': 'vip', 'operator': 'equals', 'value': true}]}}",
                "c2", "c3");
        expect("{'not': {'event': 'Order Completed'}}", "c2", "c3", "c5");
        expect("{'not': {'transactions': 'sum', 'operator': 'greater', 'value': 100}}", "c2", "c3", "c4", "c5");
        expect("{'not': {'trait': 'birthday', 'operator': 'before', 'value': '1990-01-01'}}", "c1", "c2", "c3", "c5");
        expect("{'not': {'all': []}}");
    }

    @Test
    void inlines_other_audiences() {
        expect("{'audience': 'gb'}", "c1", "c3");
        expect("{'audience': 'gb_buyers'}", "c1");
        expect("{'not': {'audience': 'gb'}}", "c2", "c4", "c5", "c6");
        expect("{'any': [{'audience': 'gb'}, {'audience': 'buyers'}]}", "c1", "c3", "c4", "c6");
    }
}
