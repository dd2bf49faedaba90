package dev.ownstack.activation.audience;

import static dev.ownstack.activation.audience.Audiences.definition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.config.audiences.AudienceDefinition;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.warehouse.Warehouse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Score traits (columns of {@code model.customer_scores}) in rules, on the tables of
 * {@link ScoreTraitFixtures}: exact members of every comparison, customers without scores, OR
 * groups, negation and nested audiences, checked against hand-written SQL where it matters. One
 * run per engine ({@code ScoreTraitTest}, {@code ScoreTraitIT}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ScoreTraitSuite {
    protected Warehouse warehouse;
    protected ModelCatalog catalog;
    protected static final Map<String, AudienceDefinition> OTHERS = Audiences.byName(
            definition("at_risk", "{'trait': 'churn_decile', 'operator': 'greater-or-equal', 'value': 9}"),
            definition("valuable", "{'trait': 'ltv_decile', 'operator': 'greater-or-equal', 'value': 6}"));
    private static final List<String> EVERYONE = List.of("c01", "c02", "c03", "c04", "c05", "c06", "c07", "c08", "c09", "c10", "c11", "c12");

    /** A fresh, empty warehouse of the engine under test. */
    protected abstract Warehouse open();

    @BeforeAll
    void load() {
        warehouse = open();
        ScoreTraitFixtures.load(warehouse);
        catalog = ModelCatalog.read(warehouse);
    }

    @AfterAll
    void close() {
        warehouse.close();
    }

    protected CompiledAudience compile(String rule) {
        return Audiences.compiler(warehouse, catalog, OTHERS).compile(definition("test", rule));
    }

    private List<String> members(String rule) {
        return Audiences.run(warehouse, compile(rule));
    }

    private void expect(String rule, String... ids) {
        assertEquals(List.of(ids), members(rule), rule);
    }

    /** The ids a hand-written query returns, sorted. */
    private List<String> direct(String sql, Object... parameters) {
        return warehouse.queryAll(sql, parameters).rows().stream().map(row -> (String) row[0]).sorted().toList();
    }

    @Test
    void selects_the_top_churn_decile_with_lifetime_value_above_the_median() {
        List<String> expected = direct("SELECT customer_id FROM model.customer_scores WHERE churn_decile = 10 AND ltv_decile > 5"
                + " AND customer_id IN (SELECT customer_id FROM model.customers)");
        assertEquals(List.of("c01", "c03"), expected);
        expect("{'all': [{'trait': 'churn_decile', 'operator': 'equals', 'value': 10},"
                + " {'trait': 'ltv_decile', 'operator': 'greater', 'value': 5}]}", expected.toArray(String[]::new));

        List<Double> values = warehouse.queryAll("SELECT ltv_value FROM model.customer_scores WHERE ltv_value IS NOT NULL"
                + " AND customer_id IN (SELECT customer_id FROM model.customers) ORDER BY ltv_value").rows().stream()
                .map(row -> ((Number) row[0]).doubleValue()).toList();
        double median = (values.get(values.size() / 2 - 1) + values.get(values.size() / 2)) / 2; // eight values
        assertEquals(250.0, median);
        expect("{'all': [{'trait': 'churn_decile', 'operator': 'equals', 'value': 10},"
                + " {'trait': 'ltv_value', 'operator': 'greater', 'value': " + median + "}]}", "c01", "c03");
    }

    @Test
    void compares_score_traits_with_every_number_operator() {
        expect("{'trait': 'churn_decile', 'operator': 'equals', 'value': 10}", "c01", "c02", "c03", "c07");
        expect("{'trait': 'churn_decile', 'operator': 'in', 'value': [9, 10]}", "c01", "c02", "c03", "c04", "c07");
        expect("{'trait': 'churn_decile', 'operator': 'greater', 'value': 5}", "c01", "c02", "c03", "c04", "c07");
        expect("{'trait': 'churn_decile', 'operator': 'greater-or-equal', 'value': 9}", "c01", "c02", "c03", "c04", "c07");
        expect("{'trait': 'churn_decile', 'operator': 'less', 'value': 5}", "c06", "c08");
        expect("{'trait': 'churn_decile', 'operator': 'less-or-equal', 'value': 5}", "c05", "c06", "c08");
        expect("{'trait': 'churn_decile', 'operator': 'between', 'value': [3, 9]}", "c04", "c05", "c08");
        expect("{'trait': 'churn_probability', 'operator': 'greater', 'value': 0.9}", "c01", "c02", "c07"); // 0.90 is not above
        expect("{'trait': 'churn_probability', 'operator': 'between', 'value': [0.3, 0.85]}", "c04", "c05", "c08");
        expect("{'trait': 'ltv_value', 'operator': 'less', 'value': 100}", "c02", "c09");
    }

    @Test
    void counts_customers_without_scores_as_having_no_value() {
        expect("{'trait': 'churn_decile', 'operator': 'is-set'}", "c01", "c02", "c03", "c04", "c05", "c06", "c07", "c08");
        expect("{'trait': 'churn_decile', 'operator': 'is-not-set'}", "c09", "c10", "c11", "c12"); // c09: a row without churn
        expect("{'trait': 'ltv_value', 'operator': 'is-not-set'}", "c07", "c10", "c11", "c12");
        expect("{'trait': 'churn_decile', 'operator': 'not-equals', 'value': 10}", "c04", "c05", "c06", "c08", "c09", "c10", "c11", "c12");
        expect("{'trait': 'churn_decile', 'operator': 'not-in', 'value': [9, 10]}", "c05", "c06", "c08", "c09", "c10", "c11", "c12");
        List<String> notTop = direct("SELECT customer_id FROM model.customers WHERE customer_id NOT IN"
                + " (SELECT customer_id FROM model.customer_scores WHERE churn_decile = 10)");
        assertEquals(notTop, members("{'trait': 'churn_decile', 'operator': 'not-equals', 'value': 10}"));
    }

    @Test
    void negates_score_traits_exactly() {
        expect("{'not': {'trait': 'churn_decile', 'operator': 'greater', 'value': 5}}", "c05", "c06", "c08", "c09", "c10", "c11", "c12");
        expect("{'not': {'trait': 'churn_decile', 'operator': 'is-set'}}", "c09", "c10", "c11", "c12");
        expect("{'not': {'trait': 'churn_decile', 'operator': 'not-equals', 'value': 10}}", "c01", "c02", "c03", "c07");
        for (String rule : List.of("{'trait': 'ltv_decile', 'operator': 'less-or-equal', 'value': 5}",
                "{'trait': 'churn_probability', 'operator': 'between', 'value': [0.3, 0.85]}")) {
            List<String> selected = members(rule);
            List<String> complement = EVERYONE.stream().filter(id -> !selected.contains(id)).toList();
            assertEquals(complement, members("{'not': " + rule + "}"), rule);
        }
    }

    @Test
    void mixes_score_traits_and_customer_traits_in_or_groups() {
        expect("{'any': [{'trait': 'country', 'operator': 'equals', 'value': 'GB'},"
                + " {'trait': 'churn_decile', 'operator': 'equals', 'value': 10}]}", "c01", "c02", "c03", "c06", "c07", "c10");
        expect("{'any': [{'trait': 'ltv_value', 'operator': 'is-not-set'}, {'trait': 'country', 'operator': 'equals', 'value': 'DE'}]}",
                "c04", "c07", "c10", "c11", "c12");
        expect("{'all': [{'trait': 'country', 'operator': 'in', 'value': ['GB', 'US']},"
                + " {'any': [{'trait': 'churn_decile', 'operator': 'less', 'value': 2}, {'trait': 'ltv_decile', 'operator': 'less', 'value': 4}]}]}",
                "c02", "c06");
    }

    @Test
    void uses_score_traits_through_nested_audiences() {
        expect("{'audience': 'at_risk'}", "c01", "c02", "c03", "c04", "c07");
        expect("{'all': [{'audience': 'at_risk'}, {'audience': 'valuable'}]}", "c01", "c03", "c04");
        expect("{'not': {'audience': 'at_risk'}}", "c05", "c06", "c08", "c09", "c10", "c11", "c12");
        expect("{'any': [{'audience': 'valuable'}, {'trait': 'churn_probability', 'operator': 'greater', 'value': 0.92}]}",
                "c01", "c03", "c04", "c06", "c07", "c08");
    }

    @Test
    void joins_the_scores_once_and_only_when_the_rule_compares_a_score() {
        CompiledAudience scored = compile("{'all': [{'audience': 'at_risk'}, {'audience': 'valuable'},"
                + " {'trait': 'ltv_value', 'operator': 'greater', 'value': 100}]}");
        assertTrue(scored.joinsScores());
        String join = CompiledAudience.scoresJoin(warehouse.dialect());
        assertEquals(scored.from().indexOf(join), scored.from().lastIndexOf(join));
        assertTrue(scored.from().contains(join), scored.from());
        assertEquals(scored.from(), scored.fromWithScores(warehouse.dialect()));

        CompiledAudience plain = compile("{'trait': 'country', 'operator': 'equals', 'value': 'GB'}");
        assertFalse(plain.joinsScores());
        assertFalse(plain.from().contains("customer_scores"), plain.from());
        List<Object[]> rows = warehouse.queryAll("SELECT c.customer_id, s.churn_decile FROM " + plain.fromWithScores(warehouse.dialect())
                + " WHERE " + plain.predicate() + " ORDER BY 1", plain.parameters().toArray()).rows();
        assertEquals(List.of("c01=10", "c03=10", "c06=1", "c10=null"),
                rows.stream().map(row -> row[0] + "=" + (row[1] == null ? "null" : ((Number) row[1]).longValue())).toList());
    }

    @Test
    void compares_the_customer_column_when_a_score_column_has_the_same_name() {
        expect("{'trait': 'country', 'operator': 'equals', 'value': 'GB'}", "c01", "c03", "c06", "c10");
        assertEquals(List.of("score trait \"country\" (score) is hidden by the column of model.customers of that name: rules compare"
                + " model.customers.country; rename the model or the customer column"), catalog.notes());
    }

    @Test
    void reads_score_traits_with_their_model_and_version() {
        assertEquals(List.of("churn_probability (score of model churn, version 3)", "churn_decile (score of model churn, version 3)",
                        "ltv_value (score of model ltv, version 2024-12-31)", "ltv_decile (score of model ltv, version 2024-12-31)"),
                catalog.visibleScoreTraits().stream().map(trait -> trait.name() + trait.origin()).toList());
        assertEquals(List.of("customer_id", "country", "churn_probability", "churn_decile", "ltv_value", "ltv_decile"), catalog.traitNames());
    }

    @Test
    void rejects_unknown_traits_listing_the_score_traits() {
        OwnstackException error = assertThrows(OwnstackException.class,
                () -> compile("{'trait': 'churn_decil', 'operator': 'equals', 'value': 10}"));
        assertEquals(ErrorCode.INPUT_INVALID, error.code());
        assertEquals(List.of("rule.trait: unknown trait \"churn_decil\"; model.customers has \"customer_id\", \"country\";"
                + " model.customer_scores has \"churn_probability\", \"churn_decile\", \"ltv_value\", \"ltv_decile\""), error.details());
    }

    @Test
    void rejects_comparisons_that_do_not_suit_a_score() {
        OwnstackException error = assertThrows(OwnstackException.class,
                () -> compile("{'any': [{'trait': 'churn_decile', 'operator': 'equals', 'value': '10'},"
                        + " {'trait': 'ltv_value', 'operator': 'contains', 'value': '1'}]}"));
        assertEquals(List.of("rule.any[0].value: trait \"churn_decile\" holds a number; \"10\" is text",
                "rule.any[1].operator: contains does not apply to trait \"ltv_value\", which holds a number; it takes equals, not-equals,"
                        + " in, not-in, greater, greater-or-equal, less, less-or-equal, between, is-set, is-not-set"), error.details());
    }
}
