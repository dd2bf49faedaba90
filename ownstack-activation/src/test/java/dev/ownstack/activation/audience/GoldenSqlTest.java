package dev.ownstack.activation.audience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.core.config.audiences.AudienceDefinition;
import dev.ownstack.core.config.audiences.AudienceJson;
import dev.ownstack.core.config.audiences.EventCount;
import dev.ownstack.core.config.audiences.Operator;
import dev.ownstack.core.config.audiences.TransactionCondition;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.SqlDialects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Golden SQL: every case of {@link GoldenCases} compiled for every dialect must equal its file
 * {@code src/test/resources/golden/<dialect>/<case>.sql}. Snowflake, BigQuery and Redshift cannot
 * run here, so these files are what is reviewed against each engine's documentation (see the
 * README beside them) and parsed by {@code GoldenSqlParseTest}.
 *
 * <p>To rewrite the files after a deliberate change of the compiler or a dialect, run
 * {@code mvn -B -o -pl ownstack-activation -am verify -Dtest=GoldenSqlTest -Dsurefire.failIfNoSpecifiedTests=false -Dgolden.update=true}
 * and review {@code git diff}: the run fails when it changed a file, so an update is never
 * silently green; it is off unless that property is given.
 */
class GoldenSqlTest {
    static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void every_case_compiles_for_every_dialect_to_its_golden_file() throws IOException {
        List<String> differences = new ArrayList<>();
        for (SqlDialect dialect : SqlDialects.all()) {
            AudienceCompiler compiler = GoldenCases.compiler(dialect);
            for (GoldenCases.Case golden : GoldenCases.CASES) {
                CompiledAudience compiled = golden.holdoutGroup() ? compiler.compileHoldout(golden.definition())
                        : compiler.compile(golden.definition());
                String actual = render(golden, compiled);
                Path file = GOLDEN.resolve(dialect.name()).resolve(golden.name() + ".sql");
                String expected = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
                if (!actual.equals(expected)) {
                    differences.add(file + (expected == null ? " is missing" : " differs"));
                    if (UPDATE) {
                        Files.createDirectories(file.getParent());
                        Files.writeString(file, actual, StandardCharsets.UTF_8);
                    }
                }
            }
        }
        assertEquals(List.of(), differences, UPDATE ? "golden files rewritten: review them with git diff and run again without -Dgolden.update"
                : "compiled SQL differs from the golden files; after a deliberate change run this test with -Dgolden.update=true");
    }

    @Test
    void every_golden_file_belongs_to_a_case() throws IOException {
        Set<String> expected = new TreeSet<>();
        for (SqlDialect dialect : SqlDialects.all()) {
            GoldenCases.CASES.forEach(golden -> expected.add(dialect.name() + "/" + golden.name() + ".sql"));
        }
        Set<String> present;
        try (Stream<Path> files = Files.walk(GOLDEN)) {
            present = files.filter(path -> path.toString().endsWith(".sql")).map(path -> GOLDEN.relativize(path).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        present.removeAll(expected);
        assertEquals(Set.of(), present, "golden files without a case; delete them");
    }

    @Test
    void the_cases_cover_every_operator_count_measure_and_rule_kind() {
        String all = GoldenCases.CASES.stream().map(golden -> json(golden.definition())).collect(Collectors.joining("\n"));
        List<String> needed = new ArrayList<>();
        for (Operator operator : Operator.values()) {
            needed.add("\"operator\":\"" + operator.jsonName() + "\"");
        }
        for (EventCount.Operator count : EventCount.Operator.values()) {
            needed.add("\"operator\":\"" + count.jsonName() + "\"");
        }
        for (TransactionCondition.Measure measure : TransactionCondition.Measure.values()) {
            needed.add("\"transactions\":\"" + measure.jsonName() + "\"");
        }
        needed.addAll(List.of("\"performed\":false", "\"where\":", "\"within-days\":", "\"between\":", "\"type\":", "\"not\":", "\"any\":",
                "\"all\":", "\"audience\":", "\"holdout-percent\":", "\"sample-percent\":"));
        List<String> missing = needed.stream().filter(text -> !all.contains(text)).toList();
        assertEquals(List.of(), missing, "no golden case has these");
        assertTrue(GoldenCases.CASES.stream().anyMatch(GoldenCases.Case::holdoutGroup), "no case compiles a holdout group");
    }

    /** The SQL of a golden file: its lines but the comments. */
    static String statement(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.startsWith("--")).collect(Collectors.joining("\n"));
    }

    /** The file: what it is, the rule, the parameters in order, then the SQL on one line. */
    static String render(GoldenCases.Case golden, CompiledAudience compiled) {
        String parameters = compiled.parameters().isEmpty() ? "none"
                : compiled.parameters().stream().map(GoldenSqlTest::describe).collect(Collectors.joining(", "));
        return "-- " + golden.name() + ": audience \"" + golden.definition().name() + "\"" + (golden.holdoutGroup() ? " (its holdout group)" : "")
                + " compiled for " + compiled.dialect() + " as of " + GoldenCases.AS_OF + "\n"
                + "-- definition: " + json(golden.definition()) + "\n"
                + "-- parameters in order: " + parameters + "\n"
                + compiled.sql() + "\n";
    }

    private static String describe(Object value) {
        String type = value instanceof String ? "text" : value instanceof BigDecimal ? "decimal" : value instanceof Double ? "double"
                : value instanceof Integer || value instanceof Long ? "integer" : value instanceof Boolean ? "boolean"
                : value instanceof LocalDate ? "date" : value instanceof LocalDateTime ? "timestamp"
                : value instanceof OffsetDateTime ? "timestamptz" : value.getClass().getSimpleName();
        try {
            return (value instanceof String text ? JSON.writeValueAsString(text) : value.toString()) + " " + type;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String json(AudienceDefinition definition) {
        try {
            return JSON.writeValueAsString(AudienceJson.writeBody(definition));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
