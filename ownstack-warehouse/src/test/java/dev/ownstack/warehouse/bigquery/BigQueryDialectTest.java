package dev.ownstack.warehouse.bigquery;

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

/** Golden SQL against https://cloud.google.com/bigquery/docs/reference/standard-sql; each expectation names the rule it follows. */
class BigQueryDialectTest {
    private final BigQueryDialect dialect = BigQueryDialect.INSTANCE;

    @Test
    void maps_every_logical_type_to_a_bigquery_type_and_back() {
        Map<ColumnType, String> expected = Map.of(
                ColumnType.STRING, "STRING", ColumnType.BIGINT, "INT64", ColumnType.DOUBLE, "FLOAT64",
                ColumnType.DECIMAL, "NUMERIC", ColumnType.BOOLEAN, "BOOL", ColumnType.DATE, "DATE",
                ColumnType.TIMESTAMP, "DATETIME", ColumnType.TIMESTAMPTZ, "TIMESTAMP", ColumnType.JSON, "JSON");

        for (ColumnType type : ColumnType.values()) {
            assertEquals(expected.get(type), dialect.typeName(type), type.name());
            assertEquals(type, dialect.logicalType(dialect.typeName(type)), type.name());
        }
    }

    @Test
    void reads_parameterized_types_and_aliases_from_the_catalog() {
        // data-types: TIMESTAMP is an instant, DATETIME a civil time; parameterized types carry (p, s) or (L)
        Map<String, ColumnType> names = Map.ofEntries(
                Map.entry("NUMERIC(10, 2)", ColumnType.DECIMAL), Map.entry("BIGNUMERIC", ColumnType.DECIMAL),
                Map.entry("STRING(40)", ColumnType.STRING), Map.entry("INTEGER", ColumnType.BIGINT), Map.entry("bool", ColumnType.BOOLEAN),
                Map.entry("TIMESTAMP", ColumnType.TIMESTAMPTZ), Map.entry("DATETIME", ColumnType.TIMESTAMP),
                Map.entry("BYTES", ColumnType.STRING), Map.entry("ARRAY<INT64>", ColumnType.STRING), Map.entry("JSON", ColumnType.JSON));

        names.forEach((name, type) -> assertEquals(type, dialect.logicalType(name), name));
    }

    @Test
    void quotes_identifiers_in_backticks_and_tables_as_dataset_dot_table() {
        // lexical: quoted identifiers are enclosed by backticks; a reserved keyword such as ORDER must be quoted
        assertEquals("`order`", dialect.quote("order"));
        assertEquals("`Raw`.`Orders`", dialect.table(new TableName("Raw", "Orders")));
    }

    @Test
    void rejects_identifiers_that_are_not_plain_names() {
        for (String invalid : List.of("", "x`; DROP TABLE y; --", "a-b", "naïve", "back\\slash", "it's", "x".repeat(64))) {
            OwnstackException error = assertThrows(OwnstackException.class, () -> dialect.quote(invalid), invalid);
            assertEquals(ErrorCode.ARGUMENT_INVALID, error.code());
        }
    }

    @Test
    void string_literals_escape_quotes_backslashes_and_line_breaks_with_backslashes() {
        // lexical: backslashes introduce escape sequences; '' is not an escape; quoted strings cannot contain newlines
        assertEquals("'O\\x27Brien'", dialect.stringLiteral("O'Brien"));
        assertEquals("'C:\\\\temp\\\\'", dialect.stringLiteral("C:\\temp\\"));
        assertEquals("'\\\\\\x27'", dialect.stringLiteral("\\'"));
        assertEquals("'x\\x27; DROP TABLE model.customers; --'", dialect.stringLiteral("x'; DROP TABLE model.customers; --"));
        assertEquals("'line\\nbreak\\r\\ttab'", dialect.stringLiteral("line\nbreak\r\ttab"));
        assertEquals("'\\x01\\x7f'", dialect.stringLiteral("\u0001\u007f"));
        assertEquals("'\"double\" `back` Zoë 😀'", dialect.stringLiteral("\"double\" `back` Zoë 😀"));
    }

    @Test
    void every_nasty_value_reads_back_exactly_and_ends_the_literal() {
        for (String value : LiteralLexer.NASTY_VALUES) {
            String literal = dialect.stringLiteral(value);
            assertEquals(value, LiteralLexer.BACKSLASH_ONLY.read(literal), value);
            assertTrue(literal.indexOf('\'', 1) == literal.length() - 1, "a quote inside " + literal);
        }
    }

    @Test
    void reads_json_text_with_the_json_subscript_operator_and_json_value() {
        // operators: json_expression['field'] takes a STRING field name, no JSONPath involved; JSON_VALUE(json) reads '$'
        // and gives NULL for objects and arrays, which TO_JSON_STRING writes as the other engines do
        assertEquals("CASE WHEN JSON_TYPE(`properties`['revenue']) IN ('object', 'array') THEN TO_JSON_STRING(`properties`['revenue'])"
                + " ELSE JSON_VALUE(`properties`['revenue']) END", dialect.jsonText(dialect.quote("properties"), List.of("revenue")));
        String nested = "e.`traits`['a.b']['it\\x27s \\\\ \"x\" --']";
        assertEquals("CASE WHEN JSON_TYPE(" + nested + ") IN ('object', 'array') THEN TO_JSON_STRING(" + nested + ") ELSE JSON_VALUE("
                + nested + ") END", dialect.jsonText("e." + dialect.quote("traits"), List.of("a.b", "it's \\ \"x\" --")));
    }

    @Test
    void reads_json_numbers_only_where_the_json_type_is_number() {
        // json_type names JSON's types; a string "10" is 'string', so it is no number here either
        assertEquals("CASE WHEN JSON_TYPE(`properties`['amount']) = 'number' THEN LAX_FLOAT64(`properties`['amount']) END",
                dialect.jsonNumber(dialect.quote("properties"), List.of("amount")));
    }

    @Test
    void lists_json_keys_with_json_keys_of_depth_one() {
        assertEquals("SELECT t.`event` AS group_value, k AS key, JSON_TYPE(t.`properties`[k]) AS json_type, count(*) AS row_count"
                        + " FROM `model`.`events` AS t CROSS JOIN UNNEST(JSON_KEYS(t.`properties`, 1)) AS k"
                        + " WHERE t.`event` IS NOT NULL AND JSON_TYPE(t.`properties`) = 'object' GROUP BY 1, 2, 3",
                dialect.jsonKeyTypes(new TableName("model", "events"), "event", "properties"));
    }

    @Test
    void buckets_a_text_by_the_first_32_bits_of_its_md5() {
        assertEquals("MOD(CAST(CONCAT('0x', SUBSTR(TO_HEX(MD5(c.`customer_id`)), 1, 8)) AS INT64), 100)",
                dialect.hashBucket("c." + dialect.quote("customer_id"), 100));
        assertEquals(ErrorCode.ARGUMENT_INVALID, assertThrows(OwnstackException.class, () -> dialect.hashBucket("x", -5)).code());
    }

    @Test
    void matches_like_without_an_escape_clause_since_backslash_is_the_escape() {
        // operators#like_operator: no ESCAPE clause; a backslash in the pattern value escapes %, _ and itself
        assertEquals("c.`name` LIKE ?", dialect.like("c.`name`", "?"));
    }

    @Test
    void writes_ddl_with_unenforced_primary_keys() {
        TableName table = new TableName("raw", "orders");

        assertEquals("CREATE SCHEMA IF NOT EXISTS `raw`", dialect.createSchemaIfNotExists("raw"));
        assertEquals("CREATE TABLE IF NOT EXISTS `raw`.`orders` (`id` INT64, `amount` NUMERIC, `order` JSON, PRIMARY KEY (`id`) NOT ENFORCED)",
                dialect.createTableIfNotExists(table, List.of(new Column("id", ColumnType.BIGINT),
                        new Column("amount", ColumnType.DECIMAL), new Column("order", ColumnType.JSON)), List.of("id")));
        assertEquals("CREATE TABLE IF NOT EXISTS `raw`.`events` (`at` TIMESTAMP)",
                dialect.createTableIfNotExists(new TableName("raw", "events"), List.of(new Column("at", ColumnType.TIMESTAMPTZ)), List.of()));
        assertEquals("ALTER TABLE `raw`.`orders` ADD COLUMN `placed_at` DATETIME", dialect.addColumn(table, new Column("placed_at", ColumnType.TIMESTAMP)));
    }

    @Test
    void rejects_column_names_with_a_prefix_bigquery_reserves() {
        // schemas#column_names: _TABLE_, _FILE_, _PARTITION, ... are reserved, in any case
        TableName table = new TableName("raw", "orders");
        for (String name : List.of("_partitiontime", "_TABLE_SUFFIX", "_file_name", "__root__x")) {
            OwnstackException error = assertThrows(OwnstackException.class,
                    () -> dialect.addColumn(table, new Column(name, ColumnType.STRING)), name);
            assertEquals(ErrorCode.ARGUMENT_INVALID, error.code());
            assertTrue(error.getMessage().contains(name), error.getMessage());
        }
        assertEquals("ALTER TABLE `raw`.`orders` ADD COLUMN `_source` STRING", dialect.addColumn(table, new Column("_source", ColumnType.STRING)));
    }

    @Test
    void merges_with_standard_merge_and_aliases() {
        assertEquals("MERGE INTO `model`.`customers` AS t USING `raw`.`stage` AS s ON t.`id` = s.`id`"
                        + " WHEN MATCHED THEN UPDATE SET `name` = s.`name`"
                        + " WHEN NOT MATCHED THEN INSERT (`id`, `name`) VALUES (s.`id`, s.`name`)",
                dialect.mergeFrom(new TableName("model", "customers"), new TableName("raw", "stage"), List.of("id", "name"), List.of("id")));
    }

    @Test
    void creates_working_tables_with_create_table_as_and_no_analyze_step() {
        TableName table = new TableName("identity", "cc_work");

        assertEquals("CREATE TABLE `identity`.`cc_work` AS SELECT 1 AS x", dialect.createWorkingTableAs(table, "SELECT 1 AS x"));
        assertEquals(Optional.empty(), dialect.analyze(table));
    }

    @Test
    void describes_tables_from_the_region_qualified_information_schema() {
        // information-schema-columns: queries against this view must have a dataset or a region qualifier
        assertEquals("SELECT column_name, data_type FROM `region-us`.INFORMATION_SCHEMA.COLUMNS"
                + " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position", dialect.describeTable());
        assertEquals("SELECT column_name, data_type FROM `region-europe-west3`.INFORMATION_SCHEMA.COLUMNS"
                + " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position", BigQueryDialect.inRegion("europe-west3").describeTable());
    }

    @Test
    void rejects_a_region_that_is_not_a_region_name() {
        for (String region : List.of("", "US", "us`.x; --", "eu west")) {
            OwnstackException error = assertThrows(OwnstackException.class, () -> BigQueryDialect.inRegion(region), region);
            assertEquals(ErrorCode.ARGUMENT_INVALID, error.code());
        }
    }
}
