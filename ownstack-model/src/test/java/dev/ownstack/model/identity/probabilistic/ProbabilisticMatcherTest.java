package dev.ownstack.model.identity.probabilistic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.config.identity.ProbabilisticConfig;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProbabilisticMatcherTest {
    private static final TableName INPUT = new TableName("identity", "people");
    private static final TableName OUTPUT = new TableName("identity", "people_pairs");
    private static final List<String> FIELDS = List.of("name", "dob", "email");
    private static final String CONFIG = """
            probabilistic:
              threshold: 0.5
              blocking: [[dob], [email], [name-soundex]]
              comparisons:
                name: {method: jaro-winkler, levels: [0.9]}
                dob: {method: levenshtein, levels: [1]}
                email: exact
            """;

    private final Warehouse warehouse = DuckDbWarehouse.inMemory();

    @AfterEach
    void close() {
        warehouse.close();
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {"robert, r163", "rupert, r163", "rubin, r150", "ashcraft, a261", "ashcroft, a261",
            "tymczak, t522", "pfister, p236", "honeyman, h555", "lloyd, l300", "x, x000", "o'brien, o165", "jackson, j250",
            "van der berg, v536", "'', NULL", "1234, NULL"})
    void computes_american_soundex_in_sql(String value, String expected) {
        assertEquals(expected, soundex(warehouse, value));
    }

    static String soundex(Warehouse warehouse, String value) {
        Object code = warehouse.queryAll("SELECT " + MatchSql.soundex("l") + " FROM (SELECT " + MatchSql.letters("f0")
                + " AS l FROM (SELECT CAST(? AS VARCHAR) AS f0) s) x", value).singleValue();
        return code == null ? null : code.toString();
    }

    @Test
    void links_similar_records_with_the_smaller_node_first_and_scores_each_pair_once() {
        load(List.of(
                row(10, "Robert Smith", "1971-06-24", "rob@example.com"),
                row(3, "Robert Smyth", "1971-06-24", "rob@example.com"),
                row(7, "Grace Kelly", "1990-01-01", "grace@example.com"),
                row(8, "Grace Kelley", "1990-01-01", null),
                row(9, "Oliver Twist", "1837-01-01", "oliver@example.com")));
        MatchSummary summary = matcher(CONFIG).match(warehouse, INPUT, OUTPUT);
        assertEquals(5, summary.records());
        // 3-10 meets all three rules, 7-8 two of them: each is a candidate once, under its first rule
        assertEquals(2, summary.candidatePairs());
        assertEquals(List.of(new MatchSummary.RuleCounts("[dob]", 2, 2), new MatchSummary.RuleCounts("[email]", 0, 0),
                new MatchSummary.RuleCounts("[name-soundex]", 0, 0)), summary.rules());
        List<Object[]> rows = warehouse.queryAll("SELECT node_a, node_b, match_weight, probability FROM " + table(OUTPUT)
                + " ORDER BY node_a").rows();
        assertEquals(2, rows.size());
        assertEquals(List.of(3L, 10L), List.of(rows.get(0)[0], rows.get(0)[1]));
        assertEquals(List.of(7L, 8L), List.of(rows.get(1)[0], rows.get(1)[1]));
        for (Object[] row : rows) {
            double weight = (Double) row[2];
            assertEquals(FellegiSunterModel.probability(weight), (Double) row[3], 1e-12);
            assertTrue((Double) row[3] >= 0.5);
        }
        assertEquals(List.of("node_a", "node_b", "match_weight", "probability"),
                warehouse.describe(OUTPUT).orElseThrow().stream().map(Column::name).toList());
    }

    @Test
    void does_not_pair_records_on_missing_blocking_values_and_replaces_the_output() {
        load(List.of(row(1, "Ann", null, null), row(2, "Bob", null, null), row(3, "Cid", "2000-01-01", null)));
        warehouse.ensureTable(OUTPUT, List.of(new Column("stale", ColumnType.STRING)), List.of());
        MatchSummary summary = matcher(CONFIG).match(warehouse, INPUT, OUTPUT);
        assertEquals(0, summary.candidatePairs());
        assertEquals(0, summary.linkedPairs());
        assertEquals(0L, ((Number) warehouse.queryAll("SELECT COUNT(*) FROM " + table(OUTPUT)).singleValue()).longValue());
        assertEquals(ProbabilisticMatcher.OUTPUT_COLUMNS, warehouse.describe(OUTPUT).orElseThrow());
    }

    @Test
    void fails_naming_the_rule_that_alone_gives_more_than_max_pairs() {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(row(i, "person " + i, "2000-01-01", "p" + i + "@example.com"));
        }
        load(rows);
        OwnstackException e = assertThrows(OwnstackException.class,
                () -> matcher(CONFIG.replace("threshold: 0.5", "threshold: 0.5\n  max-pairs: 40")).match(warehouse, INPUT, OUTPUT));
        assertEquals(ErrorCode.CONFIG_INVALID, e.code());
        assertTrue(e.getMessage().contains("blocking rule [dob] alone gives 45 candidate pairs, more than max-pairs (40)"), e.getMessage());
        assertNoWorkingTables();
    }

    @Test
    void fails_when_the_rules_together_give_more_than_max_pairs() {
        load(List.of(row(1, "a", "2000-01-01", "x@example.com"), row(2, "b", "2000-01-01", "y@example.com"),
                row(3, "c", "2000-01-02", "x@example.com"), row(4, "d", "2000-01-02", "y@example.com")));
        OwnstackException e = assertThrows(OwnstackException.class,
                () -> matcher(CONFIG.replace("threshold: 0.5", "threshold: 0.5\n  max-pairs: 3")).match(warehouse, INPUT, OUTPUT));
        assertTrue(e.getMessage().contains("the blocking rules give 4 candidate pairs, more than max-pairs (3)"), e.getMessage());
        assertTrue(e.getMessage().contains("[dob]: 2, [email]: 2, [name-soundex]: 0"), e.getMessage());
    }

    @Test
    void rejects_an_input_without_a_column_for_a_configured_field() {
        warehouse.ensureTable(INPUT, List.of(new Column("node", ColumnType.BIGINT), new Column("name", ColumnType.STRING)), List.of());
        OwnstackException e = assertThrows(OwnstackException.class, () -> matcher(CONFIG).match(warehouse, INPUT, OUTPUT));
        assertEquals(ErrorCode.INPUT_INVALID, e.code());
        assertEquals("probabilistic matching input identity.people lacks column(s) dob, email; it has node, name", e.getMessage());
    }

    @Test
    void rejects_an_input_with_repeated_nodes() {
        load(List.of(row(1, "a", null, null), row(1, "b", null, null)));
        OwnstackException e = assertThrows(OwnstackException.class, () -> matcher(CONFIG).match(warehouse, INPUT, OUTPUT));
        assertEquals(ErrorCode.INPUT_INVALID, e.code());
        assertTrue(e.getMessage().contains("1 repeated node values"), e.getMessage());
    }

    @Test
    void gives_the_same_pairs_and_weights_on_every_run_and_leaves_no_working_tables() {
        LabelledData data = LabelledData.fake1000();
        data.load(warehouse);
        ProbabilisticMatcher matcher = matcher(ProbabilisticAccuracyTest.FAKE_1000, data.fields());
        MatchSummary first = matcher.match(warehouse, LabelledData.INPUT, OUTPUT);
        List<List<Object>> firstPairs = pairs(warehouse, OUTPUT);
        MatchSummary second = matcher.match(warehouse, LabelledData.INPUT, OUTPUT);
        assertEquals(firstPairs, pairs(warehouse, OUTPUT));
        assertEquals(first.lambda(), second.lambda());
        assertEquals(first.comparisons(), second.comparisons());
        assertFalse(firstPairs.isEmpty());
        assertNoWorkingTables();
    }

    @Test
    void reports_m_u_and_weights_per_level() {
        LabelledData data = LabelledData.fake1000();
        data.load(warehouse);
        MatchSummary summary = matcher(ProbabilisticAccuracyTest.FAKE_1000, data.fields()).match(warehouse, LabelledData.INPUT, OUTPUT);
        MatchSummary.ComparisonEstimate email = summary.comparisons().get(4);
        assertEquals("email", email.field());
        assertEquals(List.of("equal", "levenshtein <= 1", "levenshtein <= 3", "else"),
                email.levels().stream().map(MatchSummary.LevelEstimate::label).toList());
        assertTrue(email.levels().get(0).weight() > 5, "equal emails are strong evidence: " + email.levels().get(0));
        assertTrue(email.levels().get(3).weight() < -2, "different emails are evidence against: " + email.levels().get(3));
        assertEquals(1_000 * 999 / 2, summary.uSamplePairs());
        assertTrue(summary.lambda() > 0.002 && summary.lambda() < 0.006, "lambda " + summary.lambda());
    }

    static List<List<Object>> pairs(Warehouse warehouse, TableName output) {
        return warehouse.queryAll("SELECT node_a, node_b, match_weight, probability FROM " + warehouse.dialect().table(output)
                + " ORDER BY node_a, node_b").rows().stream().map(List::of).toList();
    }

    private void assertNoWorkingTables() {
        for (String suffix : List.of("_records", "_candidates", "_linked")) {
            assertEquals(Optional.empty(), warehouse.describe(new TableName(OUTPUT.schema(), OUTPUT.name() + suffix)), suffix);
        }
    }

    private static ProbabilisticMatcher matcher(String yaml) {
        return matcher(yaml, FIELDS);
    }

    private static ProbabilisticMatcher matcher(String yaml, List<String> fields) {
        ProbabilisticConfig config = TestConfigs.probabilistic(yaml, fields);
        return new ProbabilisticMatcher(config);
    }

    private String table(TableName table) {
        return warehouse.dialect().table(table);
    }

    private static Object[] row(long node, String name, String dob, String email) {
        return new Object[] {node, name, dob, email};
    }

    private void load(List<Object[]> rows) {
        List<Column> columns = List.of(new Column("node", ColumnType.BIGINT), new Column("name", ColumnType.STRING),
                new Column("dob", ColumnType.STRING), new Column("email", ColumnType.STRING));
        warehouse.ensureTable(INPUT, columns, List.of());
        try (RowWriter writer = warehouse.append(INPUT, columns.stream().map(Column::name).toList())) {
            rows.forEach(writer::write);
        }
    }

    @Test
    void soundex_of_null_is_null() {
        assertNull(soundex(warehouse, null));
    }
}
