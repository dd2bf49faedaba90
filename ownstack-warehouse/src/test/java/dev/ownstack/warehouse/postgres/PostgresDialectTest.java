package dev.ownstack.warehouse.postgres;

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

class PostgresDialectTest {
    private final PostgresDialect dialect = PostgresDialect.INSTANCE;

    @Test
    void maps_every_logical_type_to_a_postgres_type_and_back() {
        Map<ColumnType, String> expected = Map.of(
                ColumnType.STRING, "TEXT", ColumnType.BIGINT, "BIGINT", ColumnType.DOUBLE, "DOUBLE PRECISION",
                ColumnType.DECIMAL, "NUMERIC(38, 9)", ColumnType.BOOLEAN, "BOOLEAN", ColumnType.DATE, "DATE",
                ColumnType.TIMESTAMP, "TIMESTAMP", ColumnType.TIMESTAMPTZ, "TIMESTAMPTZ", ColumnType.JSON, "JSONB");

        for (ColumnType type : ColumnType.values()) {
            assertEquals(expected.get(type), dialect.typeName(type), type.name());
            assertEquals(type, dialect.logicalType(dialect.typeName(type)), type.name());
        }
    }

    @Test
    void reads_the_type_names_of_the_catalog_and_of_the_driver() {
        Map<String, ColumnType> names = Map.ofEntries(
                Map.entry("text", ColumnType.STRING), Map.entry("character varying", ColumnType.STRING), Map.entry("uuid", ColumnType.STRING),
                Map.entry("integer", ColumnType.BIGINT), Map.entry("int4", ColumnType.BIGINT), Map.entry("int8", ColumnType.BIGINT),
                Map.entry("real", ColumnType.DOUBLE), Map.entry("float8", ColumnType.DOUBLE), Map.entry("numeric", ColumnType.DECIMAL),
                Map.entry("bool", ColumnType.BOOLEAN), Map.entry("timestamp without time zone", ColumnType.TIMESTAMP),
                Map.entry("timestamp with time zone", ColumnType.TIMESTAMPTZ), Map.entry("timestamptz", ColumnType.TIMESTAMPTZ),
                Map.entry("json", ColumnType.JSON), Map.entry("jsonb", ColumnType.JSON));

        names.forEach((name, type) -> assertEquals(type, dialect.logicalType(name), name));
    }

    @Test
    void quotes_identifiers_and_rejects_invalid_ones() {
        assertEquals("\"select\"", dialect.quote("select"));
        assertEquals("\"raw\".\"Orders\"", dialect.table(new TableName("raw", "Orders")));

        for (String invalid : List.of("", "a-b", "x\"; DROP TABLE y; --", "name with space", "x".repeat(64))) {
            OwnstackException error = assertThrows(OwnstackException.class, () -> dialect.quote(invalid), invalid);
            assertEquals(ErrorCode.ARGUMENT_INVALID, error.code());
        }
    }

    @Test
    void string_literals_double_their_quotes_and_leave_backslashes_alone() {
        // standard_conforming_strings is on (the default since PostgreSQL 9.1): a backslash is just a character
        assertEquals("'it''s'", dialect.stringLiteral("it's"));
        assertEquals("'C:\\temp\\'", dialect.stringLiteral("C:\\temp\\"));
    }

    @Test
    void writes_ddl_and_merge_with_quoted_names_and_postgres_types() {
        TableName target = new TableName("model", "scores");

        assertEquals("CREATE TABLE IF NOT EXISTS \"model\".\"scores\" (\"tenant\" TEXT, \"id\" BIGINT, \"score\" NUMERIC(38, 9),"
                        + " PRIMARY KEY (\"tenant\", \"id\"))",
                dialect.createTableIfNotExists(target, List.of(new Column("tenant", ColumnType.STRING), new Column("id", ColumnType.BIGINT),
                        new Column("score", ColumnType.DECIMAL)), List.of("tenant", "id")));
        assertEquals("ALTER TABLE \"model\".\"scores\" ADD COLUMN \"details\" JSONB", dialect.addColumn(target, new Column("details", ColumnType.JSON)));
        assertEquals("MERGE INTO \"model\".\"scores\" AS t USING \"raw\".\"scores\" AS s ON t.\"tenant\" = s.\"tenant\" AND t.\"id\" = s.\"id\""
                        + " WHEN MATCHED THEN UPDATE SET \"score\" = s.\"score\""
                        + " WHEN NOT MATCHED THEN INSERT (\"tenant\", \"id\", \"score\") VALUES (s.\"tenant\", s.\"id\", s.\"score\")",
                dialect.mergeFrom(target, new TableName("raw", "scores"), List.of("tenant", "id", "score"), List.of("tenant", "id")));
    }

    @Test
    void creates_working_tables_unlogged_and_analyzes_them() {
        TableName table = new TableName("identity", "cc_work_edges");

        assertEquals("CREATE UNLOGGED TABLE \"identity\".\"cc_work_edges\" AS SELECT 1 AS x",
                dialect.createWorkingTableAs(table, "SELECT 1 AS x"));
        assertEquals(Optional.of("ANALYZE \"identity\".\"cc_work_edges\""), dialect.analyze(table));
    }

    @Test
    void writes_the_audience_expressions_in_postgres_sql() {
        assertEquals("CASE WHEN jsonb_typeof(CAST(\"p\" AS JSONB) #> ARRAY['total']::TEXT[]) = 'number'"
                + " THEN CAST(CAST(\"p\" AS JSONB) #>> ARRAY['total']::TEXT[] AS DOUBLE PRECISION) END", dialect.jsonNumber("\"p\"", List.of("total")));
        assertEquals("(CAST(CAST('x' || substr(md5(x), 1, 8) AS BIT(32)) AS BIGINT) % 100)", dialect.hashBucket("x", 100));
        assertEquals("SELECT t.\"event\" AS group_value, p.key AS key, jsonb_typeof(p.value) AS json_type, count(*) AS row_count"
                + " FROM \"model\".\"events\" AS t CROSS JOIN LATERAL jsonb_each(CASE WHEN jsonb_typeof(CAST(t.\"properties\" AS JSONB))"
                + " = 'object' THEN CAST(t.\"properties\" AS JSONB) END) AS p WHERE t.\"event\" IS NOT NULL GROUP BY 1, 2, 3",
                dialect.jsonKeyTypes(new TableName("model", "events"), "event", "properties"));
    }
}
