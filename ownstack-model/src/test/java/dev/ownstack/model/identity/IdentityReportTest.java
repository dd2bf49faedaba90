package dev.ownstack.model.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.model.identity.graph.UnionFindComponents;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdentityReportTest {
    private final Warehouse warehouse = DuckDbWarehouse.inMemory();
    private final IdentityExplain explain = new IdentityExplain(ShopFixture.config(1, 50));

    @BeforeEach
    void resolve() {
        ShopFixture.population(warehouse);
        ShopFixture.shop(warehouse, 1003, "ann.lee@gmail.com", null);
        new IdentityResolver(ShopFixture.config(1, 50), new UnionFindComponents(),
                Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC)).resolve(warehouse, ResolveProgress.NONE);
    }

    @AfterEach
    void close() {
        warehouse.close();
    }

    private static ReportSection section(List<ReportSection> sections, String titleStart) {
        return sections.stream().filter(section -> section.title().startsWith(titleStart)).findFirst().orElseThrow();
    }

    @Test
    void finds_a_customer_by_id_record_or_any_spelling_of_a_key_value() {
        Map<String, String> customers = ShopFixture.customers(warehouse);
        String ann = customers.get("crm/C1");
        assertEquals(List.of(ann), explain.find(warehouse, ann));
        assertEquals(List.of(ann), explain.find(warehouse, "crm/C2"));
        // the address is also on a second shop account that a limit kept apart
        assertEquals(java.util.Set.of(ann, customers.get("shop/1003")), java.util.Set.copyOf(explain.find(warehouse, " Ann.Lee@GoogleMail.com ")));
        assertEquals(List.of(ann), explain.find(warehouse, "020 7946 0958"));
        assertEquals(List.of(customers.get("shop/1003")), explain.find(warehouse, "1003"));
        OwnstackException missing = assertThrows(OwnstackException.class, () -> explain.find(warehouse, "nobody@example.org"));
        assertTrue(missing.getMessage().startsWith("no customer has the id, record or key value 'nobody@example.org'"), missing.getMessage());
    }

    @Test
    void explains_the_records_links_and_dropped_links_of_a_customer() {
        String ann = ShopFixture.customers(warehouse).get("crm/C1");
        List<ReportSection> sections = explain.explain(warehouse, ann);

        assertEquals(List.of(List.of("crm", "C1"), List.of("crm", "C2"), List.of("shop", "1001"), List.of("web", "dev-a1"),
                List.of("web", "dev-a2")), section(sections, "Records").rows().stream().map(row -> row.subList(0, 2)).toList());
        assertTrue(section(sections, "Links").rows().contains(List.of("email", "annlee@gmail.com", "crm/C1, crm/C2, shop/1001, web/dev-a2")),
                section(sections, "Links").rows().toString());
        assertTrue(section(sections, "Links").rows().contains(List.of("user_id", "1001", "shop/1001, web/dev-a1")));
        assertEquals(List.of(List.of("shop/1003", "email", "annlee@gmail.com", "crm/C1", ann,
                "linking would give one customer 2 values of user_id, over the limit of 1")), section(sections, "Dropped").rows());
    }

    @Test
    void reports_sizes_links_and_blocked_values() {
        List<ReportSection> sections = IdentityStats.report(warehouse);
        List<Object> summary = section(sections, "Summary").rows().get(0);
        assertEquals(12L, summary.get(2));
        assertEquals(7L, summary.get(3));
        assertEquals(5L, summary.get(5));
        assertEquals(List.of(List.of("1", 5L), List.of("2", 1L), List.of("4-5", 1L)),
                section(sections, "Customer sizes").rows().stream().map(row -> row.subList(0, 2)).toList());
        assertEquals(List.of("email", "test@test.com", 2L, "a placeholder, test or configured blocked value"),
                section(sections, "Most shared blocked values").rows().get(0));
    }
}
