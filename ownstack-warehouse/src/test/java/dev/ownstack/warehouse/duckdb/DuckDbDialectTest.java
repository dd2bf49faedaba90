package dev.ownstack.warehouse.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DuckDbDialectTest {
    private final DuckDbDialect dialect = DuckDbDialect.INSTANCE;

    @Test
    void maps_every_logical_type_to_a_duckdb_type_and_back() {
        Map<ColumnType, String> expected = Map.of(
                ColumnType.STRING, "VARCHAR", ColumnType.BIGINT, "BIGINT", ColumnType.DOUBLE, "DOUBLE",
                ColumnType.DECIMAL, "DECIMAL(38, 9)", ColumnType.BOOLEAN, "BOOLEAN", ColumnType.DATE, "DATE",
                ColumnType.TIMESTAMP, "TIMESTAMP", ColumnType.TIMESTAMPTZ, "TIMESTAMPTZ", ColumnType.JSON, "JSON");

        for (ColumnType type : ColumnType.values()) {
            assertEquals(expected.get(type), dialect.typeName(type), type.name());
            assertEquals(type, dialect.logicalType(dialect.typeName(type)), type.name());
        }
    }

    @Test
    void reads_the_type_names_duckdbs_catalog_reports() {
        Map<String, ColumnType> catalog = Map.ofEntries(
                Map.entry("VARCHAR", ColumnType.STRING), Map.entry("UUID", ColumnType.STRING),
                Map.entry("INTEGER", ColumnType.BIGINT), Map.entry("SMALLINT", ColumnType.BIGINT),
                Map.entry("HUGEINT", ColumnType.DECIMAL), Map.entry("DECIMAL(18,3)", ColumnType.DECIMAL),
                Map.entry("FLOAT", ColumnType.DOUBLE), Map.entry("TIMESTAMP WITH TIME ZONE", ColumnType.TIMESTAMPTZ),
                Map.entry("TIMESTAMP_NS", ColumnType.TIMESTAMP), Map.entry("json", ColumnType.JSON));

        catalog.forEach((name, type) -> assertEquals(type, dialect.logicalType(name), name));
    }

    @Test
    void quotes_identifiers_and_rejects_invalid_ones() {
        assertEquals("\"order\"", dialect.quote("order"));
        assertEquals("\"raw\".\"select\"", dialect.table(new TableName("raw", "select")));

        for (String invalid : List.of("", "two words", "quote\"inside", "semi;colon", "1starts_with_digit", "x".repeat(64))) {
            OwnstackException error = assertThrows(OwnstackException.class, () -> dialect.quote(invalid), invalid);
            assertEquals(ErrorCode.ARGUMENT_INVALID, error.code());
        }
    }

    @Test
    void string_literals_double_their_quotes_and_keep_everything_else() {
        assertEquals("'O''Brien'", dialect.stringLiteral("O'Brien"));
        assertEquals("''''''", dialect.stringLiteral("''"));
        assertEquals("''", dialect.stringLiteral(""));
        assertEquals("'back\\slash \"and\" line\nbreak'", dialect.stringLiteral("back\\slash \"and\" line\nbreak"));
    }

    @Test
    void writes_ddl_with_quoted_names_and_dialect_types() {
        TableName table = new TableName("raw", "orders");

        assertEquals("CREATE SCHEMA IF NOT EXISTS \"raw\"", dialect.createSchemaIfNotExists("raw"));
        assertEquals("CREATE TABLE IF NOT EXISTS \"raw\".\"orders\" (\"id\" BIGINT, \"amount\" DECIMAL(38, 9), \"order\" JSON,"
                        + " PRIMARY KEY (\"id\"))",
                dialect.createTableIfNotExists(table, List.of(new Column("id", ColumnType.BIGINT),
                        new Column("amount", ColumnType.DECIMAL), new Column("order", ColumnType.JSON)), List.of("id")));
        assertEquals("ALTER TABLE \"raw\".\"orders\" ADD COLUMN \"placed_at\" TIMESTAMPTZ",
                dialect.addColumn(table, new Column("placed_at", ColumnType.TIMESTAMPTZ)));
    }

    @Test
    void merges_with_standard_merge_on_every_key_column() {
        assertEquals("MERGE INTO \"model\".\"customers\" AS t USING \"raw\".\"customers_stage\" AS s"
                        + " ON t.\"tenant\" = s.\"tenant\" AND t.\"id\" = s.\"id\""
                        + " WHEN MATCHED THEN UPDATE SET \"name\" = s.\"name\", \"order\" = s.\"order\""
                        + " WHEN NOT MATCHED THEN INSERT (\"tenant\", \"id\", \"name\", \"order\")"
                        + " VALUES (s.\"tenant\", s.\"id\", s.\"name\", s.\"order\")",
                dialect.mergeFrom(new TableName("model", "customers"), new TableName("raw", "customers_stage"),
                        List.of("tenant", "id", "name", "order"), List.of("tenant", "id")));
    }

    @Test
    void merges_key_only_tables_by_inserting_the_missing_rows() {
        assertEquals("MERGE INTO \"model\".\"ids\" AS t USING \"raw\".\"ids\" AS s ON t.\"id\" = s.\"id\""
                        + " WHEN NOT MATCHED THEN INSERT (\"id\") VALUES (s.\"id\")",
                dialect.mergeFrom(new TableName("model", "ids"), new TableName("raw", "ids"), List.of("id"), List.of("id")));
    }

    @Test
    void creates_working_tables_as_plain_tables_without_an_analyze_step() {
        TableName table = new TableName("identity", "cc_work_edges");

        assertEquals("CREATE TABLE \"identity\".\"cc_work_edges\" AS SELECT 1 AS x", dialect.createWorkingTableAs(table, "SELECT 1 AS x"));
        assertEquals(Optional.empty(), dialect.analyze(table));
    }

    @Test
    void writes_the_audience_expressions_in_duckdb_sql() {
        assertEquals("json_extract_string(\"p\", '/a~1b~0c/it''s')", dialect.jsonText("\"p\"", List.of("a/b~c", "it's")));
        assertEquals("CASE WHEN json_type(\"p\", '/total') IN ('BIGINT', 'UBIGINT', 'HUGEINT', 'DOUBLE')"
                + " THEN CAST(json_extract_string(\"p\", '/total') AS DOUBLE) END", dialect.jsonNumber("\"p\"", List.of("total")));
        assertEquals("(CAST('0x' || substr(md5(x), 1, 8) AS BIGINT) % 100)", dialect.hashBucket("x", 100));
        assertEquals("x LIKE ? ESCAPE '\\'", dialect.like("x", "?"));
        assertEquals("50\\% off\\_now \\\\", dev.ownstack.warehouse.SqlDialect.escapeLike("50% off_now \\"));
    }
}
