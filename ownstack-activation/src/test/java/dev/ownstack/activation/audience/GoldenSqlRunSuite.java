package dev.ownstack.activation.audience;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.warehouse.Warehouse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs the golden files of an engine that runs here on the tables of {@link AudienceFixtures}, with
 * the parameters the compiler gives: the checked-in text is SQL the engine accepts, and the members
 * are those the same rule gives when compiled against the warehouse's own catalog.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GoldenSqlRunSuite {
    private Warehouse warehouse;

    protected abstract Warehouse open();

    @BeforeAll
    void load() {
        warehouse = open();
        AudienceFixtures.load(warehouse);
        // the score traits of GoldenCases.catalog(): c1, c2 and c4 scored, c4 without a lifetime value
        AudienceFixtures.write(warehouse, ModelCatalog.CUSTOMER_SCORES, List.of(new Column("customer_id", ColumnType.STRING),
                new Column("churn_decile", ColumnType.BIGINT), new Column("ltv_value", ColumnType.DOUBLE)), List.of(
                new Object[] {"c1", 10L, 500.0}, new Object[] {"c2", 9L, 20.0}, new Object[] {"c4", 2L, null}));
    }

    @AfterAll
    void close() {
        warehouse.close();
    }

    @Test
    void every_golden_file_runs_and_selects_what_the_live_catalog_compiles_to() throws IOException {
        AudienceCompiler fromGolden = GoldenCases.compiler(warehouse.dialect());
        AudienceCompiler fromLive = new AudienceCompiler(ModelCatalog.read(warehouse), warehouse.dialect(),
                name -> Optional.ofNullable(GoldenCases.OTHERS.get(name)), GoldenCases.AS_OF);
        List<String> failures = new ArrayList<>();
        for (GoldenCases.Case goldenCase : GoldenCases.CASES) {
            CompiledAudience compiled = goldenCase.holdoutGroup() ? fromGolden.compileHoldout(goldenCase.definition()) : fromGolden.compile(goldenCase.definition());
            String sql = GoldenSqlTest.statement(GoldenSqlTest.GOLDEN.resolve(warehouse.dialect().name()).resolve(goldenCase.name() + ".sql"));
            List<String> members = members(sql, compiled.parameters());
            if (goldenCase.name().equals("hostile-values")) {
                assertEquals(List.of(), members, "no customer has the hostile values");
                continue;
            }
            CompiledAudience live = goldenCase.holdoutGroup() ? fromLive.compileHoldout(goldenCase.definition())
                    : fromLive.compile(goldenCase.definition());
            List<String> expected = members(live.sql(), live.parameters());
            if (!members.equals(expected)) {
                failures.add(goldenCase.name() + ": " + members + " but live " + expected);
            }
        }
        assertEquals(List.of(), failures);
    }

    private List<String> members(String sql, List<Object> parameters) {
        return warehouse.queryAll(sql, parameters.toArray()).rows().stream().map(row -> (String) row[0]).sorted().toList();
    }
}
