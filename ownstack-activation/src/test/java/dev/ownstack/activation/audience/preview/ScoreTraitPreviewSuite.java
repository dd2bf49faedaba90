package dev.ownstack.activation.audience.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ownstack.activation.audience.AudienceCompiler;
import dev.ownstack.activation.audience.CompiledAudience;
import dev.ownstack.activation.audience.ModelCatalog;
import dev.ownstack.activation.audience.preview.Breakdown.Missing;
import dev.ownstack.activation.audience.preview.Breakdown.Range;
import dev.ownstack.activation.audience.testing.Rules;
import dev.ownstack.activation.audience.testing.ShopModels;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.Warehouse;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Samples and breakdowns by score traits on the shop's models, with {@code churn_decile} scores
 * for c01 to c05 only (c06 to c10 have no score row); one run per engine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ScoreTraitPreviewSuite {
    protected Warehouse warehouse;
    private AudienceCompiler compiler;
    private AudiencePreview preview;

    protected abstract Warehouse open();

    protected void dispose() {
    }

    @BeforeAll
    void load() {
        warehouse = open();
        ShopModels.load(warehouse);
        List<Column> columns = List.of(new Column("customer_id", ColumnType.STRING), new Column("churn_decile", ColumnType.BIGINT));
        warehouse.ensureTable(ModelCatalog.CUSTOMER_SCORES, columns, List.of());
        try (RowWriter writer = warehouse.append(ModelCatalog.CUSTOMER_SCORES, List.of("customer_id", "churn_decile"))) {
            writer.write(new Object[] {"c01", 2L});
            writer.write(new Object[] {"c02", 10L});
            writer.write(new Object[] {"c03", 7L});
            writer.write(new Object[] {"c04", 10L});
            writer.write(new Object[] {"c05", 5L});
        }
        ModelCatalog catalog = ModelCatalog.read(warehouse);
        compiler = new AudienceCompiler(catalog, warehouse.dialect(), name -> Optional.empty(), ShopModels.AS_OF);
        preview = new AudiencePreview(warehouse, catalog);
    }

    @AfterAll
    void close() {
        warehouse.close();
        dispose();
    }

    private CompiledAudience compile(String rule) {
        return compiler.compile(Rules.definition("test", rule));
    }

    @Test
    void samples_score_traits_with_no_value_for_members_without_scores() {
        String rule = "{'trait': 'country', 'operator': 'equals', 'value': 'GB'}";
        Sample sample = preview.sample(compile(rule), List.of("customer_id", "churn_decile"), 10);
        assertEquals(List.of("customer_id", "churn_decile"), sample.columns().stream().map(Column::name).toList());
        assertEquals(List.of(List.of("c01", 2L), List.of("c02", 10L), Arrays.asList("c08", null), Arrays.asList("c10", null)), plain(sample));
    }

    @Test
    void shows_the_score_traits_a_rule_compares_in_the_default_sample() {
        String rule = "{'trait': 'churn_decile', 'operator': 'greater', 'value': 6}";
        List<String> columns = preview.defaultColumns(Rules.rule(rule));
        assertEquals(List.of("customer_id", "email", "first_name", "churn_decile"), columns);
        assertEquals(List.of(List.of("c02", "bob@example.org", "Bob", 10L), List.of("c03", "cat@example.com", "Cat", 7L),
                List.of("c04", "dan@example.com", "Dan", 10L)), plain(preview.sample(compile(rule), columns, 10)));
    }

    @Test
    void breaks_members_down_by_a_score_trait_counting_those_without_scores_as_missing() {
        assertEquals(new Breakdown("churn_decile", "5", 10, List.of(range("0", "5", 1), range("5", "10", 2), range("10", "15", 2),
                new Missing(5))), preview.breakdown(compile("{'all': []}"), "churn_decile", 3));
        assertEquals(List.of(range("10", "11", 2)), preview.breakdown(compile("{'trait': 'churn_decile', 'operator': 'equals', 'value': 10}"),
                "churn_decile", 10).buckets());
    }

    @Test
    void names_the_score_traits_when_a_trait_is_unknown() {
        OwnstackException unknown = assertThrows(OwnstackException.class, () -> preview.breakdown(compile("{'all': []}"), "churn", 5));
        assertEquals(ErrorCode.INPUT_INVALID, unknown.code());
        assertEquals("breakdown.trait: model.customers has no column \"churn\"; it has customer_id, email, first_name, country, orders,"
                + " revenue, score, vip, birthday, first_seen, last_order_at, profile; model.customer_scores has churn_decile (score)",
                unknown.getMessage());
    }

    /** Rows with whole numbers as longs, so that both engines compare alike. */
    private static List<List<Object>> plain(Sample sample) {
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> row : sample.rows()) {
            rows.add(row.stream().map(value -> value instanceof Number number && !(value instanceof BigDecimal) ? (Object) number.longValue()
                    : value).toList());
        }
        return rows;
    }

    private static Range range(String from, String to, long count) {
        return new Range(new BigDecimal(from), new BigDecimal(to), count);
    }
}
