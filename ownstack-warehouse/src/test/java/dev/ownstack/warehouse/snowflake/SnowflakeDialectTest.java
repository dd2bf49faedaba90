package dev.ownstack.warehouse.snowflake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

/** Golden SQL against https://docs.snowflake.com/en/sql-reference; each expectation names the rule it follows. */
class SnowflakeDialectTest {
    private final SnowflakeDialect dialect = SnowflakeDialect.INSTANCE;

    @Test
    void maps_every_logical_type_to_a_snowflake_type_and_back() {
        Map<ColumnType, String> expected = Map.of(
                ColumnType.STRING, "VARCHAR", ColumnType.BIGINT, "BIGINT", ColumnType.DOUBLE, "DOUBLE",
                ColumnType.DECIMAL, "NUMBER(38, 9)", ColumnType.BOOLEAN, "BOOLEAN", ColumnType.DATE, "DATE",
                ColumnType.TIMESTAMP, "TIMESTAMP_NTZ", ColumnType.TIMESTAMPTZ, "TIMESTAMP_TZ", ColumnType.JSON, "VARIANT");

        for (ColumnType type : ColumnType.values()) {
            assertEquals(expected.get(type), dialect.typeName(type), type.name());
            assertEquals(type, dialect.logicalType(dialect.typeName(type)), type.name());
        }
    }

    @Test
    void reads_the_type_names_snowflake_reports_with_their_parameters() {
        // DESCRIBE and the catalog query report NUMBER(p,s) for every fixed-point type; integers are NUMBER(38,0)
        Map<String, ColumnType> names = Map.ofEntries(
                Map.entry("NUMBER(38,0)", ColumnType.BIGINT), Map.entry("NUMBER", ColumnType.BIGINT),
                Map.entry("NUMBER(38,9)", ColumnType.DECIMAL), Map.entry("NUMBER(10, 2)", ColumnType.DECIMAL),
                Map.entry("INTEGER", ColumnType.BIGINT), Map.entry("FLOAT", ColumnType.DOUBLE), Map.entry("FLOAT8", ColumnType.DOUBLE),
                Map.entry("DOUBLE PRECISION", ColumnType.DOUBLE), Map.entry("VARCHAR(16777216)", ColumnType.STRING),
                Map.entry("TEXT", ColumnType.STRING), Map.entry("timestamp_ntz(9)", ColumnType.TIMESTAMP),
                Map.entry("TIMESTAMP_LTZ(9)", ColumnType.TIMESTAMPTZ), Map.entry("TIMESTAMP_TZ(9)", ColumnType.TIMESTAMPTZ),
                Map.entry("OBJECT", ColumnType.JSON), Map.entry("ARRAY", ColumnType.JSON), Map.entry("BINARY(8388608)", ColumnType.STRING),
                Map.entry("BOOLEAN", ColumnType.BOOLEAN), Map.entry("DATE", ColumnType.DATE));

        names.forEach((name, type) -> assertEquals(type, dialect.logicalType(name), name));
    }

    @Test
    void quotes_identifiers_in_upper_case_as_snowflake_stores_unquoted_names() {
        // identifiers-syntax: unquoted id is stored and resolved as ID; "id" would be a different, lower-case object
        assertEquals("\"ORDER\"", dialect.quote("order"));
        assertEquals("\"CUSTOMER_ID\"", dialect.quote("Customer_Id"));
        assertEquals("\"MODEL\".\"CUSTOMERS\"", dialect.table(new TableName("model", "customers")));
    }

    @Test
    void rejects_identifiers_that_are_not_plain_names() {
        for (String invalid : List.of("", "x\"; DROP TABLE y; --", "a/*b*/", "naïve", "back\\slash", "it's", "two words", "x".repeat(64))) {
            OwnstackException error = assertThrows(OwnstackException.class, () -> dialect.quote(invalid), invalid);
            assertEquals(ErrorCode.ARGUMENT_INVALID, error.code());
        }
    }

    @Test
    void string_literals_double_quotes_and_backslashes() {
        // data-types-text: '' and \' are a quote, \\ a backslash; a lone backslash would escape the next character
        assertEquals("'O''Brien'", dialect.stringLiteral("O'Brien"));
        assertEquals("'C:\\\\temp\\\\'", dialect.stringLiteral("C:\\temp\\"));
        assertEquals("'\\\\'''", dialect.stringLiteral("\\'"));
        assertEquals("'x''; DROP TABLE model.customers; --'", dialect.stringLiteral("x'; DROP TABLE model.customers; --"));
        assertEquals("'/* comment */ -- line'", dialect.stringLiteral("/* comment */ -- line"));
        assertEquals("'Zoë 😀 日本語'", dialect.stringLiteral("Zoë 😀 日本語"));
    }

    @Test
    void every_nasty_value_reads_back_exactly_and_ends_the_literal() {
        for (String value : LiteralLexer.NASTY_VALUES) {
            assertEquals(value, LiteralLexer.BACKSLASH_AND_DOUBLED_QUOTES.read(dialect.stringLiteral(value)), value);
        }
    }

    @Test
    void reads_json_text_with_get_and_a_literal_key_per_level() {
        // GET takes the field name as a string, matched case-sensitively; STRIP_NULL_VALUE makes JSON null SQL NULL
        assertEquals("CAST(STRIP_NULL_VALUE(GET(\"PROPERTIES\", 'revenue')) AS VARCHAR)",
                dialect.jsonText(dialect.quote("properties"), List.of("revenue")));
        assertEquals("CAST(STRIP_NULL_VALUE(GET(GET(e.\"TRAITS\", 'address'), 'it''s \\\\ \"x\" --')) AS VARCHAR)",
                dialect.jsonText("e." + dialect.quote("traits"), List.of("address", "it's \\ \"x\" --")));
    }

    @Test
    void reads_json_numbers_only_where_the_variant_holds_a_number() {
        // is_double: true for INTEGER, DECIMAL and DOUBLE values, false for a VARCHAR such as "10"
        assertEquals("CASE WHEN IS_DOUBLE(GET(\"PROPERTIES\", 'amount')) THEN TO_DOUBLE(GET(\"PROPERTIES\", 'amount')) END",
                dialect.jsonNumber(dialect.quote("properties"), List.of("amount")));
    }

    @Test
    void lists_json_keys_with_flatten_and_names_their_types_as_json_does() {
        // flatten: KEY and VALUE per member; typeof: NULL_VALUE for JSON null, INTEGER/DECIMAL/DOUBLE for numbers
        assertEquals("SELECT t.\"EVENT\" AS group_value, f.key AS key, CASE TYPEOF(f.value) WHEN 'VARCHAR' THEN 'string'"
                        + " WHEN 'BOOLEAN' THEN 'boolean' WHEN 'OBJECT' THEN 'object' WHEN 'ARRAY' THEN 'array' WHEN 'NULL_VALUE' THEN 'null'"
                        + " WHEN 'INTEGER' THEN 'number' WHEN 'DECIMAL' THEN 'number' WHEN 'DOUBLE' THEN 'number' ELSE 'string' END AS json_type,"
                        + " count(*) AS row_count FROM \"MODEL\".\"EVENTS\" AS t, LATERAL FLATTEN(INPUT => t.\"PROPERTIES\") AS f"
                        + " WHERE t.\"EVENT\" IS NOT NULL AND IS_OBJECT(t.\"PROPERTIES\") GROUP BY 1, 2, 3",
                dialect.jsonKeyTypes(new TableName("model", "events"), "event", "properties"));
    }

    @Test
    void buckets_a_text_by_the_first_32_bits_of_its_md5() {
        assertEquals("MOD(TO_NUMBER(UPPER(SUBSTR(MD5(c.\"CUSTOMER_ID\"), 1, 8)), 'XXXXXXXX'), 100)",
                dialect.hashBucket("c." + dialect.quote("customer_id"), 100));
        assertEquals(ErrorCode.ARGUMENT_INVALID, assertThrows(OwnstackException.class, () -> dialect.hashBucket("x", 0)).code());
    }

    @Test
    void names_the_like_escape_as_the_literal_of_one_backslash() {
        // like: no default escape character; data-types-text: '\\' is one backslash
        assertEquals("c.\"NAME\" LIKE ? ESCAPE '\\\\'", dialect.like("c.\"NAME\"", "?"));
        assertEquals("\\", LiteralLexer.BACKSLASH_AND_DOUBLED_QUOTES.read("'\\\\'"));
    }

    @Test
    void writes_ddl_with_upper_cased_names_and_snowflake_types() {
        TableName table = new TableName("raw", "orders");

        assertEquals("CREATE SCHEMA IF NOT EXISTS \"RAW\"", dialect.createSchemaIfNotExists("raw"));
        assertEquals("CREATE TABLE IF NOT EXISTS \"RAW\".\"ORDERS\" (\"ID\" BIGINT, \"AMOUNT\" NUMBER(38, 9), \"ORDER\" VARIANT,"
                        + " PRIMARY KEY (\"ID\"))",
                dialect.createTableIfNotExists(table, List.of(new Column("id", ColumnType.BIGINT),
                        new Column("amount", ColumnType.DECIMAL), new Column("order", ColumnType.JSON)), List.of("id")));
        assertEquals("ALTER TABLE \"RAW\".\"ORDERS\" ADD COLUMN \"PLACED_AT\" TIMESTAMP_TZ",
                dialect.addColumn(table, new Column("placed_at", ColumnType.TIMESTAMPTZ)));
    }

    @Test
    void merges_with_snowflake_merge_and_aliases() {
        assertEquals("MERGE INTO \"MODEL\".\"CUSTOMERS\" AS t USING \"RAW\".\"STAGE\" AS s ON t.\"ID\" = s.\"ID\""
                        + " WHEN MATCHED THEN UPDATE SET \"NAME\" = s.\"NAME\""
                        + " WHEN NOT MATCHED THEN INSERT (\"ID\", \"NAME\") VALUES (s.\"ID\", s.\"NAME\")",
                dialect.mergeFrom(new TableName("model", "customers"), new TableName("raw", "stage"), List.of("id", "name"), List.of("id")));
    }

    @Test
    void creates_working_tables_transient_without_an_analyze_step() {
        TableName table = new TableName("identity", "cc_work");

        assertEquals("CREATE TRANSIENT TABLE \"IDENTITY\".\"CC_WORK\" AS SELECT 1 AS x", dialect.createWorkingTableAs(table, "SELECT 1 AS x"));
        assertEquals(Optional.empty(), dialect.analyze(table));
    }

    @Test
    void describes_tables_from_the_information_schema_by_upper_cased_names() {
        assertEquals("SELECT LOWER(column_name), CASE WHEN data_type = 'NUMBER' THEN 'NUMBER(' || numeric_precision || ',' || numeric_scale"
                        + " || ')' ELSE data_type END FROM information_schema.columns WHERE table_schema = UPPER(?) AND table_name = UPPER(?)"
                        + " ORDER BY ordinal_position",
                dialect.describeTable());
    }
}
