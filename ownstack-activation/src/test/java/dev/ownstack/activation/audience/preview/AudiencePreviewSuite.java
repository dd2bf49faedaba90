package dev.ownstack.activation.audience.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ownstack.activation.audience.AudienceCompiler;
import dev.ownstack.activation.audience.CompiledAudience;
import dev.ownstack.activation.audience.ModelCatalog;
import dev.ownstack.activation.audience.preview.Breakdown.Missing;
import dev.ownstack.activation.audience.preview.Breakdown.Other;
import dev.ownstack.activation.audience.preview.Breakdown.Range;
import dev.ownstack.activation.audience.preview.Breakdown.Value;
import dev.ownstack.activation.audience.testing.Rules;
import dev.ownstack.activation.audience.testing.ShopModels;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.warehouse.Warehouse;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Previews on the shop's models, one run per engine with the same expected answers. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AudiencePreviewSuite {
    private static final String EVERYONE = "{'all': []}";

    protected Warehouse warehouse;
    private ModelCatalog catalog;
    private AudienceCompiler compiler;
    private AudiencePreview preview;

    protected abstract Warehouse open();

    protected void dispose() {
    }

    @BeforeAll
    void load() {
        warehouse = open();
        ShopModels.load(warehouse);
        catalog = ModelCatalog.read(warehouse);
        compiler = new AudienceCompiler(catalog, warehouse.dialect(), name -> Optional.empty(), ShopModels.AS_OF);
        preview = new AudiencePreview(warehouse, catalog);
    }

    @AfterAll
    void close() {
        warehouse.close();
        dispose();
    }

    private CompiledAudience compile(String name, String rule) {
        return compiler.compile(Rules.definition(name, rule));
    }

    @Test
    void counts_the_members_and_every_customer() {
        assertEquals(new AudienceSize(3, 10), preview.size(compile("vip", "{'trait': 'vip', 'operator': 'equals', 'value': true}")));
        assertEquals(new AudienceSize(0, 10), preview.size(compile("none", "{'trait': 'country', 'operator': 'equals', 'value': 'XX'}")));
    }

    @Test
    void samples_members_by_id_with_the_contact_columns_and_the_traits_the_rule_compares() {
        String rule = "{'all': [{'trait': 'country', 'operator': 'equals', 'value': 'GB'}, {'trait': 'score', 'operator': 'greater', 'value': 0.5},"
                + " {'event': 'Order Completed'}]}";
        List<String> columns = preview.defaultColumns(Rules.rule(rule));
        assertEquals(List.of("customer_id", "email", "first_name", "country", "score"), columns);
        Sample sample = preview.sample(compile("gb", rule), columns, 10);
        assertEquals(columns, sample.columns().stream().map(Column::name).toList());
        assertEquals(List.of(List.of("c01", "ann@example.com", "Ann", "GB", 0.95), List.of("c08", "hal@example.com", "Hal", "GB", 0.6)), sample.rows());
    }

    @Test
    void samples_the_chosen_columns_up_to_the_limit() {
        Sample sample = preview.sample(compile("all", EVERYONE), List.of("customer_id", "revenue", "last_order_at", "birthday"), 3);
        assertEquals(List.of(
                List.of("c01", new BigDecimal("1100.000000000"), OffsetDateTime.parse("2024-09-15T12:00Z"), LocalDate.parse("1990-05-01")),
                List.of("c02", new BigDecimal("20.000000000"), OffsetDateTime.parse("2024-12-21T10:00Z"), LocalDate.parse("1985-03-10")),
                List.of("c03", new BigDecimal("640.500000000"), OffsetDateTime.parse("2024-07-01T08:00Z"), LocalDate.parse("1979-11-30"))),
                sample.rows());
        assertEquals(Arrays.asList("c07", null), preview.sample(compile("gus", "{'trait': 'first_name', 'operator': 'equals', 'value': 'Gus'}"),
                List.of("customer_id", "email"), 5).rows().get(0));
    }

    @Test
    void refuses_sample_columns_the_catalog_lacks_and_limits_out_of_range() {
        CompiledAudience all = compile("all", EVERYONE);
        OwnstackException column = assertThrows(OwnstackException.class, () -> preview.sample(all, List.of("email", "shoe_size"), 5));
        assertEquals(ErrorCode.INPUT_INVALID, column.code());
        assertEquals("sample.columns[1]: model.customers has no column \"shoe_size\"; it has customer_id, email, first_name, country, orders,"
                + " revenue, score, vip, birthday, first_seen, last_order_at, profile", column.getMessage());
        assertEquals("sample.limit: must be from 1 to 1000, got 1001",
                assertThrows(OwnstackException.class, () -> preview.sample(all, List.of("email"), 1001)).getMessage());
        assertEquals("sample.limit: must be from 1 to 1000, got 0",
                assertThrows(OwnstackException.class, () -> preview.sample(all, List.of("email"), 0)).getMessage());
    }

    @Test
    void previews_an_audience_whose_event_condition_is_joined_under_any() {
        // viewed a product (c02, c04, c06, c07, c10) or a VIP (c01, c05, c06): the event set is a LEFT JOIN of the members query
        CompiledAudience viewersOrVips = compile("viewers_or_vips",
                "{'any': [{'event': 'Product Viewed'}, {'trait': 'vip', 'operator': 'equals', 'value': true}]}");
        assertEquals(new AudienceSize(7, 10), preview.size(viewersOrVips));
        assertEquals(List.of(List.of("c01"), List.of("c02"), List.of("c04")), preview.sample(viewersOrVips, List.of("customer_id"), 3).rows());
        assertEquals(List.of(new Value("GB", 3), new Value("DE", 1), new Value("FR", 1), new Value("US", 1), new Missing(1)),
                preview.breakdown(viewersOrVips, "country", 10).buckets());
        assertEquals(new Overlap("viewers_or_vips", "gb", 7, 4, 3), preview.overlap(viewersOrVips,
                compile("gb", "{'trait': 'country', 'operator': 'equals', 'value': 'GB'}")));
    }

    @Test
    void measures_the_overlap_of_two_audiences() {
        Overlap overlap = preview.overlap(compile("gb", "{'trait': 'country', 'operator': 'equals', 'value': 'GB'}"),
                compile("vip", "{'trait': 'vip', 'operator': 'equals', 'value': true}"));
        assertEquals(new Overlap("gb", "vip", 4, 3, 1), overlap);
        assertEquals(3, overlap.audienceOnly());
        assertEquals(2, overlap.otherOnly());
    }

    @Test
    void breaks_text_down_into_the_most_common_values_the_rest_and_the_missing() {
        Breakdown breakdown = preview.breakdown(compile("all", EVERYONE), "country", 3);
        // DE, FR and IE have one member each: the tie goes to the first by value
        assertEquals(new Breakdown("country", "value", 10, List.of(new Value("GB", 4), new Value("US", 2), new Value("DE", 1), new Other(2, 2),
                new Missing(1))), breakdown);
        assertEquals(List.of(new Value("GB", 4), new Value("US", 2), new Value("DE", 1), new Value("FR", 1), new Value("IE", 1), new Missing(1)),
                preview.breakdown(compile("all", EVERYONE), "country", 10).buckets());
    }

    @Test
    void breaks_down_only_the_members() {
        assertEquals(List.of(new Value(false, 3), new Value(true, 1)),
                preview.breakdown(compile("gb", "{'trait': 'country', 'operator': 'equals', 'value': 'GB'}"), "vip", 10).buckets());
        assertEquals(List.of(new Value(false, 6), new Value(true, 3), new Missing(1)),
                preview.breakdown(compile("all", EVERYONE), "vip", 10).buckets());
    }

    @Test
    void breaks_numbers_down_into_ranges_of_a_round_width() {
        assertEquals(new Breakdown("revenue", "1000", 10, List.of(range("0", "1000", 8), range("1000", "2000", 1), range("2000", "3000", 1))),
                preview.breakdown(compile("all", EVERYONE), "revenue", 5));
        // empty ranges are left out
        assertEquals(List.of(range("0", "500", 7), range("500", "1000", 1), range("1000", "1500", 1), range("2500", "3000", 1)),
                preview.breakdown(compile("all", EVERYONE), "revenue", 10).buckets());
        // whole numbers take whole widths
        assertEquals(new Breakdown("orders", "2", 10, List.of(range("0", "2", 5), range("2", "4", 3), range("4", "6", 2))),
                preview.breakdown(compile("all", EVERYONE), "orders", 3));
    }

    @Test
    void puts_a_double_on_a_boundary_in_the_range_it_starts() {
        // 0.6 / 0.2 is 2.9999999999999996 in doubles; c08's 0.60 still belongs to [0.6, 0.8)
        assertEquals(new Breakdown("score", "0.2", 10, List.of(range("0.0", "0.2", 1), range("0.2", "0.4", 2), range("0.4", "0.6", 2),
                range("0.6", "0.8", 2), range("0.8", "1.0", 2), new Missing(1))), preview.breakdown(compile("all", EVERYONE), "score", 5));
    }

    @Test
    void breaks_times_down_into_months_quarters_or_years() {
        assertEquals(new Breakdown("first_seen", "year", 10, List.of(years(2021, 2022, 1), years(2022, 2023, 1), years(2023, 2024, 3),
                years(2024, 2025, 5))), preview.breakdown(compile("all", EVERYONE), "first_seen", 12));
        Breakdown months = preview.breakdown(compile("all", EVERYONE), "first_seen", 60);
        assertEquals("month", months.unit());
        assertEquals(List.of(month("2021-05", 1), month("2022-01", 1), month("2023-02", 1), month("2023-03", 1), month("2023-06", 1),
                month("2024-01", 1), month("2024-11", 1), month("2024-12", 3)), months.buckets());
        assertEquals(new Breakdown("last_order_at", "year", 10, List.of(years(2023, 2024, 1), years(2024, 2025, 6), new Missing(3))),
                preview.breakdown(compile("all", EVERYONE), "last_order_at", 4));
        assertEquals(new Breakdown("birthday", "10 years", 10, List.of(years(1970, 1980, 2), years(1980, 1990, 2), years(1990, 2000, 2),
                years(2000, 2010, 2), new Missing(2))), preview.breakdown(compile("all", EVERYONE), "birthday", 5));
        // November and December: two months, or one quarter when there is one bucket
        CompiledAudience recent = compile("recent", "{'trait': 'first_seen', 'operator': 'after', 'value': '2024-10-01'}");
        assertEquals(List.of(month("2024-11", 1), month("2024-12", 3)), preview.breakdown(recent, "first_seen", 2).buckets());
        assertEquals(new Breakdown("first_seen", "quarter", 4, List.of(new Range(LocalDate.parse("2024-10-01"), LocalDate.parse("2025-01-01"), 4))),
                preview.breakdown(recent, "first_seen", 1));
    }

    @Test
    void refuses_a_breakdown_by_json_an_unknown_column_or_too_many_buckets() {
        CompiledAudience all = compile("all", EVERYONE);
        assertEquals("breakdown.trait: profile holds JSON; break down by a column of text, numbers, booleans or times",
                assertThrows(OwnstackException.class, () -> preview.breakdown(all, "profile", 5)).getMessage());
        OwnstackException unknown = assertThrows(OwnstackException.class, () -> preview.breakdown(all, "shoe_size", 5));
        assertEquals(ErrorCode.INPUT_INVALID, unknown.code());
        assertEquals(true, unknown.getMessage().startsWith("breakdown.trait: model.customers has no column \"shoe_size\""));
        assertEquals("breakdown.buckets: must be from 1 to 100, got 101",
                assertThrows(OwnstackException.class, () -> preview.breakdown(all, "country", 101)).getMessage());
    }

    private static Range range(String from, String to, long count) {
        return new Range(new BigDecimal(from), new BigDecimal(to), count);
    }

    private static Range years(int from, int to, long count) {
        return new Range(LocalDate.of(from, 1, 1), LocalDate.of(to, 1, 1), count);
    }

    private static Range month(String month, long count) {
        LocalDate start = LocalDate.parse(month + "-01");
        return new Range(start, start.plusMonths(1), count);
    }
}
