package dev.ownstack.warehouse.redshift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.LiteralLexer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Golden SQL against https://docs.aws.amazon.com/redshift/latest/dg/; each expectation names the rule it follows. */
class RedshiftDialectTest {
    private final RedshiftDialect dialect = RedshiftDialect.INSTANCE;

    @Test
    void maps_every_logical_type_to_a_redshift_type_and_back() {
        Map<ColumnType, String> expected = Map.of(
                ColumnType.STRING, "VARCHAR(MAX)", ColumnType.BIGINT, "BIGINT", ColumnType.DOUBLE, "DOUBLE PRECISION",
                ColumnType.DECIMAL, "DECIMAL(38, 9)", ColumnType.BOOLEAN, "BOOLEAN", ColumnType.DATE, "DATE",
                ColumnType.TIMESTAMP, "TIMESTAMP", ColumnType.TIMESTAMPTZ, "TIMESTAMPTZ", ColumnType.JSON, "SUPER");

        for (ColumnType type : ColumnType.values()) {
            assertEquals(expected.get(type), dialect.typeName(type), type.name());
            assertEquals(type, dialect.logicalType(dialect.typeName(type)), type.name());
        }
    }

    @Test
    void reads_the_type_names_of_the_catalog() {
        Map<String, ColumnType> names = Map.ofEntries(
                Map.entry("character varying", ColumnType.STRING), Map.entry("character", ColumnType.STRING),
                Map.entry("integer", ColumnType.BIGINT), Map.entry("int2", ColumnType.BIGINT), Map.entry("real", ColumnType.DOUBLE),
                Map.entry("numeric", ColumnType.DECIMAL), Map.entry("numeric(18,0)", ColumnType.DECIMAL), Map.entry("bool", ColumnType.BOOLEAN),
                Map.entry("timestamp without time zone", ColumnType.TIMESTAMP), Map.entry("timestamp with time zone", ColumnType.TIMESTAMPTZ),
                Map.entry("super", ColumnType.JSON), Map.entry("geometry", ColumnType.STRING));

        names.forEach((name, type) -> assertEquals(type, dialect.logicalType(name), name));
    }

    @Test
    void quotes_identifiers_in_lower_case_as_redshift_folds_them() {
        // r_names: ASCII letters in standard and delimited identifiers are case-insensitive and folded to lowercase
        assertEquals("\"order\"", dialect.quote("order"));
        assertEquals("\"raw\".\"orders\"", dialect.table(new TableName("RAW", "Orders")));
    }

    @Test
    void rejects_identifiers_that_are_not_plain_names() {
        for (String invalid : List.of("", "x\"; DROP TABLE y; --", "a$b", "naïve", "back\\slash", "it's", "x".repeat(64))) {
            OwnstackException error = assertThrows(OwnstackException.class, () -> dialect.quote(invalid), invalid);
            assertEquals(ErrorCode.ARGUMENT_INVALID, error.code());
        }
    }

    @Test
    void string_literals_double_quotes_and_backslashes() {
        // QUOTE_LITERAL doubles embedded quotes and backslashes; LIKE writes the backslash escape as '\\'
        assertEquals("'O''Brien'", dialect.stringLiteral("O'Brien"));
        assertEquals("'C:\\\\temp\\\\'", dialect.stringLiteral("C:\\temp\\"));
        assertEquals("'\\\\'''", dialect.stringLiteral("\\'"));
        assertEquals("'x''; DROP TABLE model.customers; --'", dialect.stringLiteral("x'; DROP TABLE model.customers; --"));
        assertEquals("'/* comment */ Zoë 😀'", dialect.stringLiteral("/* comment */ Zoë 😀"));
    }

    @Test
    void every_nasty_value_reads_back_exactly_and_ends_the_literal() {
        for (String value : LiteralLexer.NASTY_VALUES) {
            assertEquals(value, LiteralLexer.BACKSLASH_AND_DOUBLED_QUOTES.read(dialect.stringLiteral(value)), value);
        }
    }

    @Test
    void reads_json_text_from_serialized_super_with_case_sensitive_literal_path_elements() {
        // JSON_EXTRACT_PATH_TEXT: path elements are case-sensitive; a missing element gives NULL
        assertEquals("JSON_EXTRACT_PATH_TEXT(JSON_SERIALIZE(\"properties\"), 'Revenue')",
                dialect.jsonText(dialect.quote("properties"), List.of("Revenue")));
        assertEquals("JSON_EXTRACT_PATH_TEXT(JSON_SERIALIZE(e.\"traits\"), 'address', 'it''s \\\\ \"x\" --')",
                dialect.jsonText("e." + dialect.quote("traits"), List.of("address", "it's \\ \"x\" --")));
    }

    @Test
    void rejects_json_paths_redshift_cannot_follow() {
        // JSON_EXTRACT_PATH_TEXT: one path element is required, up to five levels
        for (List<String> path : List.of(List.<String>of(), List.of("a", "b", "c", "d", "e", "f"))) {
            OwnstackException error = assertThrows(OwnstackException.class, () -> dialect.jsonText("j", path), path.toString());
            assertEquals(ErrorCode.ARGUMENT_INVALID, error.code());
            assertTrue(error.getMessage().startsWith("redshift:"), error.getMessage());
        }
        assertEquals("JSON_EXTRACT_PATH_TEXT(JSON_SERIALIZE(j), 'a', 'b', 'c', 'd', 'e')", dialect.jsonText("j", List.of("a", "b", "c", "d", "e")));
    }

    @Test
    void reads_json_numbers_after_marking_string_members_so_that_they_do_not_cast() {
        // JSON_EXTRACT_PATH_TEXT unquotes strings: "10" would read as 10 unless marked; TRY_CAST refuses '' (r_TRY_CAST)
        assertEquals("TRY_CAST(NULLIF(JSON_EXTRACT_PATH_TEXT(REPLACE(JSON_SERIALIZE(\"properties\"), '\":\"', '\":\"#'), 'amount'), '')"
                        + " AS DOUBLE PRECISION)",
                dialect.jsonNumber(dialect.quote("properties"), List.of("amount")));
    }

    @Test
    void lists_json_keys_by_unpivoting_the_super_object() {
        assertEquals("SELECT t.\"event\" AS group_value, k AS key, JSON_TYPEOF(v) AS json_type, count(*) AS row_count"
                        + " FROM \"model\".\"events\" AS t, UNPIVOT t.\"properties\" AS v AT k"
                        + " WHERE t.\"event\" IS NOT NULL AND IS_OBJECT(t.\"properties\") GROUP BY 1, 2, 3",
                dialect.jsonKeyTypes(new TableName("model", "events"), "event", "properties"));
    }

    @Test
    void buckets_a_text_by_the_first_32_bits_of_its_md5_without_leader_node_functions() {
        assertEquals("MOD(STRTOL(SUBSTRING(MD5(c.\"customer_id\"), 1, 8), 16), 100)", dialect.hashBucket("c." + dialect.quote("customer_id"), 100));
        assertEquals(ErrorCode.ARGUMENT_INVALID, assertThrows(OwnstackException.class, () -> dialect.hashBucket("x", 0)).code());
    }

    @Test
    void names_the_like_escape_as_the_literal_of_one_backslash() {
        assertEquals("c.\"name\" LIKE ? ESCAPE '\\\\'", dialect.like("c.\"name\"", "?"));
        assertEquals("\\", LiteralLexer.BACKSLASH_AND_DOUBLED_QUOTES.read("'\\\\'"));
    }

    @Test
    void writes_ddl_with_redshift_types() {
        TableName table = new TableName("raw", "orders");

        assertEquals("CREATE SCHEMA IF NOT EXISTS \"raw\"", dialect.createSchemaIfNotExists("raw"));
        assertEquals("CREATE TABLE IF NOT EXISTS \"raw\".\"orders\" (\"id\" BIGINT, \"note\" VARCHAR(MAX), \"order\" SUPER, PRIMARY KEY (\"id\"))",
                dialect.createTableIfNotExists(table, List.of(new Column("id", ColumnType.BIGINT),
                        new Column("note", ColumnType.STRING), new Column("order", ColumnType.JSON)), List.of("id")));
        assertEquals("ALTER TABLE \"raw\".\"orders\" ADD COLUMN \"amount\" DECIMAL(38, 9)", dialect.addColumn(table, new Column("amount", ColumnType.DECIMAL)));
    }

    @Test
    void merges_without_a_target_alias_and_with_both_clauses() {
        // MERGE: an alias only for the source; WHEN MATCHED and WHEN NOT MATCHED come together
        assertEquals("MERGE INTO \"model\".\"customers\" USING \"raw\".\"stage\" AS s ON \"model\".\"customers\".\"id\" = s.\"id\""
                        + " WHEN MATCHED THEN UPDATE SET \"name\" = s.\"name\""
                        + " WHEN NOT MATCHED THEN INSERT (\"id\", \"name\") VALUES (s.\"id\", s.\"name\")",
                dialect.mergeFrom(new TableName("model", "customers"), new TableName("raw", "stage"), List.of("id", "name"), List.of("id")));
        assertEquals("MERGE INTO \"model\".\"ids\" USING \"raw\".\"ids\" AS s ON \"model\".\"ids\".\"id\" = s.\"id\""
                        + " WHEN MATCHED THEN UPDATE SET \"id\" = s.\"id\" WHEN NOT MATCHED THEN INSERT (\"id\") VALUES (s.\"id\")",
                dialect.mergeFrom(new TableName("model", "ids"), new TableName("raw", "ids"), List.of("id"), List.of("id")));
    }

    @Test
    void creates_working_tables_without_backup_and_leaves_analyze_to_redshift() {
        TableName table = new TableName("identity", "cc_work");

        assertEquals("CREATE TABLE \"identity\".\"cc_work\" BACKUP NO AS SELECT 1 AS x", dialect.createWorkingTableAs(table, "SELECT 1 AS x"));
        assertEquals(Optional.empty(), dialect.analyze(table));
    }

    @Test
    void describes_tables_of_the_current_database_by_lower_cased_names() {
        assertEquals("SELECT column_name, data_type FROM information_schema.columns WHERE table_catalog = current_database()"
                + " AND table_schema = LOWER(?) AND table_name = LOWER(?) ORDER BY ordinal_position", dialect.describeTable());
    }
}
