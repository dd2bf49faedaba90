package dev.ownstack.activation.audience.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownstack.activation.audience.AudienceCompiler;
import dev.ownstack.activation.audience.CompiledAudience;
import dev.ownstack.activation.audience.ModelCatalog;
import dev.ownstack.activation.audience.testing.ShopModels;
import dev.ownstack.core.config.audiences.AudienceDefinition;
import dev.ownstack.core.config.audiences.AudienceJson;
import dev.ownstack.core.config.audiences.AudienceParser;
import dev.ownstack.core.config.audiences.RuleValue;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every recipe on the shop's models, as of 2025-01-01: which customers each finds, and why. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecipesTest {
    private Warehouse warehouse;
    private AudienceCompiler compiler;

    @BeforeAll
    void load() {
        warehouse = DuckDbWarehouse.inMemory();
        ShopModels.load(warehouse);
        compiler = new AudienceCompiler(ModelCatalog.read(warehouse), warehouse.dialect(), name -> Optional.empty(), ShopModels.AS_OF);
    }

    @AfterAll
    void close() {
        warehouse.close();
    }

    private List<String> members(String recipe, Map<String, RuleValue> arguments) {
        return run(compiler.compile(Recipes.get(recipe).build("test", arguments)));
    }

    private List<String> run(CompiledAudience compiled) {
        return warehouse.queryAll(compiled.sql(), compiled.parameters().toArray()).rows().stream().map(row -> (String) row[0]).sorted().toList();
    }

    @Test
    void finds_high_value_customers_who_went_quiet() {
        // spent 500 or more: c01, c03, c06; all ordered in 2024; c06 ordered on 30 December
        assertEquals(List.of("c01", "c03"), members("high-value-at-risk", Map.of()));
        assertEquals(List.of("c03"), members("high-value-at-risk", Map.of("min-spend", RuleValue.of(600), "quiet-days", RuleValue.of(120))));
    }

    @Test
    void finds_buyers_who_have_not_ordered_lately() {
        // c02 and c06 ordered in the last 90 days; c01's refund in October is not an order
        assertEquals(List.of("c01", "c03", "c05", "c08", "c09"), members("lapsed-buyers", Map.of()));
        assertEquals(List.of("c05", "c08", "c09"), members("lapsed-buyers", Map.of("lapsed-days", RuleValue.of(200))));
        // counting every transaction, c01's refund on 1 October is activity in the last 91 days
        assertEquals(List.of("c03", "c05", "c08", "c09"), members("lapsed-buyers", Map.of("lapsed-days", RuleValue.of(92),
                "order-type", RuleValue.of(""))));
    }

    @Test
    void finds_customers_first_seen_in_the_last_days() {
        assertEquals(List.of("c02", "c04", "c10"), members("new-customers", Map.of()));
        assertEquals(List.of("c02", "c04", "c07", "c10"), members("new-customers", Map.of("days", RuleValue.of(60))));
    }

    @Test
    void finds_browsers_who_never_bought() {
        // c02 and c06 viewed in December but ordered; c07 viewed in October
        assertEquals(List.of("c04", "c10"), members("browsers-never-bought", Map.of()));
        assertEquals(List.of("c10"), members("browsers-never-bought", Map.of("min-views", RuleValue.of(2))));
        assertEquals(List.of("c04", "c07", "c10"), members("browsers-never-bought", Map.of("days", RuleValue.of(120))));
    }

    @Test
    void finds_repeat_buyers() {
        // in the last 365 days: c01 three orders, c03 two, c06 four; c08 and c09 one each
        assertEquals(List.of("c01", "c03", "c06"), members("repeat-buyers", Map.of()));
        assertEquals(List.of("c01", "c06"), members("repeat-buyers", Map.of("min-orders", RuleValue.of(3))));
    }

    @Test
    void finds_former_repeat_customers_to_win_back_and_holds_some_out() {
        AudienceDefinition definition = Recipes.get("win-back").build("win-back", Map.of());
        assertEquals(10, definition.holdoutPercent());
        List<String> both = new ArrayList<>(run(compiler.compile(definition)));
        both.addAll(run(compiler.compileHoldout(definition)));
        // two or more orders, none since 5 July: c03, c05, c08
        assertEquals(List.of("c03", "c05", "c08"), both.stream().sorted().toList());
        assertEquals(0, Recipes.get("win-back").build("x", Map.of("holdout-percent", RuleValue.of(0))).holdoutPercent());
    }

    @Test
    void builds_an_ordinary_definition_that_reads_back_from_json() throws Exception {
        for (Recipe recipe : Recipes.all()) {
            AudienceDefinition definition = recipe.build("from-" + recipe.name(), Map.of());
            JsonNode json = AudienceJson.write(definition);
            assertEquals(definition, AudienceParser.parseDefinition(json), recipe.name());
            assertTrue(definition.description().startsWith(recipe.description() + " (recipe " + recipe.name() + ": "), definition.description());
            compiler.compile(definition);
        }
        assertEquals("Lapsed buyers: ordered before, but not recently (recipe lapsed-buyers: lapsed-days 90, order-type \"order\")",
                Recipes.get("lapsed-buyers").build("x", Map.of()).description());
    }

    @Test
    void reports_every_bad_parameter_at_once_with_its_path() {
        OwnstackException error = assertThrows(OwnstackException.class, () -> Recipes.get("high-value-at-risk").build("x", Map.of(
                "min-spend", RuleValue.of("lots"), "quiet-days", RuleValue.of(0), "order_type", RuleValue.of("order"))));
        assertEquals(ErrorCode.INPUT_INVALID, error.code());
        assertEquals(List.of("parameters.order_type: recipe high-value-at-risk has no such parameter; it has min-spend, quiet-days, active-days, order-type",
                "parameters.min-spend: must be a number, got \"lots\"", "parameters.quiet-days: must be from 1 to 366000, got 0"), error.details());
        assertEquals("parameters.quiet-days: must be fewer than active-days (30), got 60", assertThrows(OwnstackException.class,
                () -> Recipes.get("high-value-at-risk").build("x", Map.of("active-days", RuleValue.of(30)))).getMessage());
        assertEquals("parameters.days: must be a whole number, got 1.5", assertThrows(OwnstackException.class,
                () -> Recipes.get("new-customers").build("x", Map.of("days", RuleValue.of(new java.math.BigDecimal("1.5"))))).getMessage());
        assertEquals("parameters.view-event: must name an event", assertThrows(OwnstackException.class,
                () -> Recipes.get("browsers-never-bought").build("x", Map.of("view-event", RuleValue.of("")))).getMessage());
    }

    @Test
    void compiling_a_recipe_that_needs_what_the_warehouse_lacks_says_what() {
        AudienceDefinition clicks = Recipes.get("browsers-never-bought").build("x", Map.of("view-event", RuleValue.of("Product Clicked")));
        OwnstackException error = assertThrows(OwnstackException.class, () -> compiler.compile(clicks));
        assertTrue(error.getMessage().startsWith("rule.all[0].event: unknown event \"Product Clicked\"; model.events has \"Order Completed\", \"Product Viewed\""),
                error.getMessage());
        try (Warehouse empty = DuckDbWarehouse.inMemory()) {
            ShopModels.write(empty, ModelCatalog.CUSTOMERS, ShopModels.CUSTOMER_COLUMNS, List.of());
            AudienceCompiler bare = new AudienceCompiler(ModelCatalog.read(empty), empty.dialect(), name -> Optional.empty(), ShopModels.AS_OF);
            OwnstackException noTransactions = assertThrows(OwnstackException.class,
                    () -> bare.compile(Recipes.get("repeat-buyers").build("x", Map.of())));
            assertEquals("rule.transactions: there is no model.transactions table; configure models.transactions and build the models",
                    noTransactions.getMessage());
        }
    }

    @Test
    void names_the_recipes_when_one_is_unknown() {
        OwnstackException error = assertThrows(OwnstackException.class, () -> Recipes.get("vip"));
        assertEquals(ErrorCode.NOT_FOUND, error.code());
        assertEquals("unknown recipe \"vip\"; the recipes are high-value-at-risk, lapsed-buyers, new-customers, browsers-never-bought,"
                + " repeat-buyers, win-back", error.getMessage());
        assertEquals(6, Stream.of(Recipes.all().toArray()).distinct().count());
    }
}
