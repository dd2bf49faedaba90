package dev.ownstack.activation.audience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.dialect.BigQuerySqlDialect;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.apache.calcite.sql.dialect.RedshiftSqlDialect;
import org.apache.calcite.sql.dialect.SnowflakeSqlDialect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.junit.jupiter.api.Test;

/**
 * Parses every golden file of Snowflake, BigQuery, Redshift and DuckDB with Apache Calcite's parser
 * set up for the engine (its quoting, its literal rules: BigQuery's backslash escapes included).
 * Calcite's grammar lacks a few of the engines' constructs; those are rewritten to a form it has
 * before parsing, and each rewrite is listed in {@link #REWRITES} and in golden/README.md as not
 * mechanically checked. PostgreSQL's files are not parsed here (Calcite has no {@code #>>} nor
 * {@code BIT(32)}); they, like DuckDB's, are run on the engine by {@code GoldenSqlRunTest} and
 * {@code GoldenSqlRunIT}.
 */
class GoldenSqlParseTest {
    private static final Map<String, SqlParser.Config> PARSERS = Map.of(
            "duckdb", config(PostgresqlSqlDialect.DEFAULT, SqlConformanceEnum.LENIENT),
            "snowflake", config(SnowflakeSqlDialect.DEFAULT, SqlConformanceEnum.LENIENT),
            "bigquery", config(BigQuerySqlDialect.DEFAULT, SqlConformanceEnum.BIG_QUERY),
            "redshift", config(RedshiftSqlDialect.DEFAULT, SqlConformanceEnum.LENIENT));

    /** Text Calcite's grammar cannot take, by engine, and what it is replaced with for parsing. */
    static final Map<String, Map<String, String>> REWRITES = Map.of(
            // GET is a reserved word in Calcite; in Snowflake it is an ordinary function
            "snowflake", Map.of("GET(", "\"GET\"("),
            // Calcite's JSON_VALUE requires a path argument; GoogleSQL's JSON_VALUE(json) reads the whole value
            "bigquery", Map.of("JSON_VALUE(", "`JSON_VALUE`("),
            // VARCHAR(MAX) is Redshift's name for VARCHAR(65535)
            "redshift", Map.of("VARCHAR(MAX)", "VARCHAR(65535)"));

    private static SqlParser.Config config(SqlDialect dialect, SqlConformanceEnum conformance) {
        return dialect.configureParser(SqlParser.config()).withConformance(conformance);
    }

    @Test
    void each_parser_rejects_a_golden_statement_with_a_stray_quote() throws IOException, SqlParseException {
        for (Map.Entry<String, SqlParser.Config> engine : PARSERS.entrySet()) {
            String sql = statement(GoldenSqlTest.GOLDEN.resolve(engine.getKey()).resolve("trait-equals.sql"), engine.getKey());
            SqlParser.create(sql, engine.getValue()).parseQuery();
            String broken = sql.replace(" = ?", " = '?");
            assertThrows(SqlParseException.class, () -> SqlParser.create(broken, engine.getValue()).parseQuery(), engine.getKey());
        }
    }

    @Test
    void every_golden_file_parses() throws IOException {
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, SqlParser.Config> engine : PARSERS.entrySet()) {
            List<Path> files;
            try (Stream<Path> listed = Files.list(GoldenSqlTest.GOLDEN.resolve(engine.getKey()))) {
                files = listed.sorted().toList();
            }
            for (Path file : files) {
                String sql = statement(file, engine.getKey());
                try {
                    SqlParser.create(sql, engine.getValue()).parseQuery();
                } catch (SqlParseException e) {
                    failures.add(engine.getKey() + "/" + file.getFileName() + ": " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
        }
        assertEquals(List.of(), failures, String.join("\n", failures));
    }

    /** The file's SQL without its comment lines, rewritten where Calcite's grammar needs it. */
    private static String statement(Path file, String engine) throws IOException {
        String sql = GoldenSqlTest.statement(file);
        for (Map.Entry<String, String> rewrite : REWRITES.getOrDefault(engine, Map.of()).entrySet()) {
            sql = sql.replace(rewrite.getKey(), rewrite.getValue());
        }
        return sql;
    }
}
