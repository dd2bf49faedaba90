package dev.ownstack.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.ErrorKind;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Warehouse} does, whatever its engine. Each engine runs this suite unchanged
 * through a subclass that opens a fresh warehouse per test; every test works in a schema of its
 * own. Values are compared with their Java types: both engines must return the same objects.
 * It is one long file on purpose: every engine runs exactly this list, and splitting it would
 * mean one subclass per part per engine.
 */
public abstract class WarehouseBehaviourSuite {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Text that breaks naive quoting, CSV encoding or character handling. */
    protected static final List<String> AWKWARD_TEXTS = List.of(
            "O'Brien",
            "say \"hello\"",
            "comma, separated; values",
            "first line\nsecond line\r\nthird line",
            "naïve café – 日本語 – emoji 😀",
            "back\\slash \\N and \\.",
            "'); DROP TABLE people; --",
            "  padded  ",
            "\"",
            "NULL");

    protected Warehouse warehouse;
    protected String schema;

    /** A warehouse for one test; the suite closes it after the test. */
    protected abstract Warehouse openWarehouse();

    @BeforeEach
    void openWarehouseForTest() {
        warehouse = openWarehouse();
        schema = "suite_" + SCHEMAS.incrementAndGet();
    }

    @AfterEach
    void closeWarehouse() {
        warehouse.close();
    }

    // --- statements and queries ---------------------------------------------------------------

    @Test
    void execute_binds_parameters_and_returns_the_update_count() {
        TableName people = peopleTable();

        long inserted = warehouse.execute("INSERT INTO " + sql(people) + " (id, name) VALUES (?, ?), (?, ?), (?, ?)",
                1L, "Ada", 2L, "Grace", 3L, null);
        long updated = warehouse.execute("UPDATE " + sql(people) + " SET name = ? WHERE id = ?", "Ada Lovelace", 1L);
        long deleted = warehouse.execute("DELETE FROM " + sql(people) + " WHERE id = ?", 99L);

        assertEquals(3, inserted);
        assertEquals(1, updated);
        assertEquals(0, deleted);
        assertRows(List.<Object[]>of(row(1L, "Ada Lovelace"), row(2L, "Grace"), row(3L, null)),
                "SELECT id, name FROM " + sql(people) + " ORDER BY id");
    }

    @Test
    void bound_text_keeps_quotes_unicode_and_line_breaks() {
        TableName people = peopleTable();
        for (int i = 0; i < AWKWARD_TEXTS.size(); i++) {
            warehouse.execute("INSERT INTO " + sql(people) + " (id, name) VALUES (?, ?)", (long) i, AWKWARD_TEXTS.get(i));
        }

        List<Object> names = column(warehouse.queryAll("SELECT name FROM " + sql(people) + " ORDER BY id"), 0);
        Object found = warehouse.queryAll("SELECT id FROM " + sql(people) + " WHERE name = ?", "O'Brien").singleValue();

        assertEquals(AWKWARD_TEXTS, names);
        assertEquals(0L, found);
    }

    @Test
    void bound_values_of_every_type_come_back_as_the_same_java_values() {
        TableName table = everyTypeTable();
        Object[] values = everyTypeValues(1L);

        warehouse.execute("INSERT INTO " + sql(table) + " (id, text_value, whole_value, double_value, decimal_value, flag,"
                + " day, local_time, instant, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values);

        assertEveryTypeRow(values, readEveryTypeRows(table).get(0));
    }

    @Test
    void a_local_timestamp_bound_into_a_timestamptz_column_is_taken_as_utc_whatever_the_local_time_zone() {
        TableName table = everyTypeTable();

        warehouse.execute("INSERT INTO " + sql(table) + " (id, instant) VALUES (?, ?)", 1L, LocalDateTime.of(2024, 7, 1, 9, 30));

        assertRows(List.<Object[]>of(row(OffsetDateTime.of(2024, 7, 1, 9, 30, 0, 0, ZoneOffset.UTC))), "SELECT instant FROM " + sql(table));
    }

    @Test
    void bound_text_meets_typed_columns_and_a_cast_parameter_can_be_tested_for_null() {
        TableName table = everyTypeTable();
        String optionalFilter = "SELECT count(*) FROM " + sql(table) + " WHERE CAST(? AS VARCHAR) IS NULL OR text_value = ?";

        warehouse.execute("INSERT INTO " + sql(table) + " (id, text_value, document) VALUES (?, ?, ?)", 1L, "a", "{\"k\": [1]}");
        Object byText = warehouse.queryAll("SELECT id FROM " + sql(table) + " WHERE id = ?", "1").singleValue();
        Object unfiltered = warehouse.queryAll(optionalFilter, null, null).singleValue();
        Object filtered = warehouse.queryAll(optionalFilter, "b", "b").singleValue();

        assertEquals(1L, byText);
        assertEquals(1L, ((Number) unfiltered).longValue());
        assertEquals(0L, ((Number) filtered).longValue());
    }

    @Test
    void string_literals_from_the_dialect_read_back_as_the_same_text() {
        SqlDialect dialect = warehouse.dialect();
        String query = "SELECT " + String.join(", ", AWKWARD_TEXTS.stream().map(dialect::stringLiteral).toList());

        Object[] values = warehouse.queryAll(query).rows().get(0);

        assertEquals(AWKWARD_TEXTS, Arrays.asList(values));
    }

    @Test
    void query_streams_many_rows_in_order_without_collecting_them() {
        int count = 200_000;
        TableName people = peopleTable();
        try (RowWriter writer = warehouse.append(people, List.of("id", "name"))) {
            for (long id = 0; id < count; id++) {
                writer.write(new Object[] {id, "person " + id});
            }
        }
        long[] seen = new long[1];
        List<ResultColumn> columns = new ArrayList<>();

        warehouse.query("SELECT id, name FROM " + sql(people) + " WHERE id >= ? ORDER BY id", List.of(0L), new RowHandler() {
            @Override
            public void columns(List<ResultColumn> resultColumns) {
                assertEquals(0, seen[0], "columns arrive before the first row");
                columns.addAll(resultColumns);
            }

            @Override
            public void row(Object[] values) {
                long expected = seen[0]++;
                assertEquals(expected, values[0]);
                assertEquals("person " + expected, values[1]);
            }
        });

        assertEquals(count, seen[0]);
        assertEquals(List.of("id", "name"), columns.stream().map(ResultColumn::name).toList());
    }

    @Test
    void a_row_handler_that_calls_its_warehouse_fails_at_once_and_the_warehouse_stays_usable() {
        TableName people = peopleTable();
        warehouse.execute("INSERT INTO " + sql(people) + " (id, name) VALUES (1, 'Ada')");

        OwnstackException error = assertThrows(OwnstackException.class, () -> warehouse.query("SELECT id FROM " + sql(people),
                List.of(), handler(values -> warehouse.execute("DELETE FROM " + sql(people)))));

        assertEquals(ErrorCode.INTERNAL, error.code());
        assertTrue(error.getMessage().contains("RowHandler"), error.getMessage());
        assertEquals(1L, count(people));
    }

    @Test
    void query_all_returns_the_column_names_and_every_row() {
        TableName people = peopleTable();
        warehouse.execute("INSERT INTO " + sql(people) + " (id, name) VALUES (1, 'Ada'), (2, NULL)");

        QueryResult result = warehouse.queryAll("SELECT id AS person_id, name FROM " + sql(people) + " ORDER BY id");

        assertEquals(List.of("person_id", "name"), result.columns().stream().map(ResultColumn::name).toList());
        assertEquals(2, result.rows().size());
        assertEquals(Arrays.asList(2L, null), Arrays.asList(result.rows().get(1)));
    }

    // --- catalog and schema evolution -------------------------------------------------------

    @Test
    void describe_returns_empty_for_a_missing_table_and_a_missing_schema() {
        peopleTable();

        assertEquals(Optional.empty(), warehouse.describe(new TableName(schema, "nobody")));
        assertEquals(Optional.empty(), warehouse.describe(new TableName(schema + "_missing", "people")));
    }

    @Test
    void ensure_table_creates_the_schema_and_a_table_of_every_column_type() {
        TableName table = new TableName(schema, "every_type");

        List<Column> created = warehouse.ensureTable(table, everyTypeColumns(), List.of("id"));

        assertEquals(everyTypeColumns(), created);
        assertEquals(Optional.of(everyTypeColumns()), warehouse.describe(table));
    }

    @Test
    void ensure_table_adds_missing_columns_and_keeps_the_types_of_existing_ones() {
        TableName table = new TableName(schema, "orders");
        warehouse.ensureTable(table, List.of(new Column("id", ColumnType.BIGINT), new Column("amount", ColumnType.STRING)), List.of("id"));
        warehouse.execute("INSERT INTO " + sql(table) + " (id, amount) VALUES (1, '9.50')");
        List<Column> expected = List.of(new Column("id", ColumnType.BIGINT), new Column("amount", ColumnType.STRING),
                new Column("placed_on", ColumnType.DATE), new Column("details", ColumnType.JSON));

        List<Column> evolved = warehouse.ensureTable(table, List.of(new Column("id", ColumnType.BIGINT), new Column("amount", ColumnType.DOUBLE),
                new Column("placed_on", ColumnType.DATE), new Column("details", ColumnType.JSON)), List.of("id"));
        List<Column> again = warehouse.ensureTable(table, List.of(new Column("placed_on", ColumnType.DATE)), List.of());

        assertEquals(expected, evolved);
        assertEquals(expected, again);
        assertEquals(Optional.of(expected), warehouse.describe(table));
        assertRows(List.<Object[]>of(row(1L, "9.50", null, null)), "SELECT id, amount, placed_on, details FROM " + sql(table));
    }

    @Test
    void a_primary_key_rejects_a_second_row_with_the_same_key() {
        TableName people = peopleTable();
        warehouse.execute("INSERT INTO " + sql(people) + " (id, name) VALUES (1, 'Ada')");

        OwnstackException error = assertThrows(OwnstackException.class,
                () -> warehouse.execute("INSERT INTO " + sql(people) + " (id, name) VALUES (1, 'Grace')"));

        assertEquals(ErrorCode.WAREHOUSE_FAILED, error.code());
        assertEquals(1L, count(people));
    }

    // --- bulk path ----------------------------------------------------------------------------

    @Test
    void append_round_trips_every_column_type_including_nulls() {
        TableName table = everyTypeTable();
        Object[] full = everyTypeValues(1L);
        Object[] nulls = new Object[full.length];
        nulls[0] = 2L;

        try (RowWriter writer = warehouse.append(table, everyTypeColumns().stream().map(Column::name).toList())) {
            writer.write(full);
            writer.write(nulls);
            assertEquals(2, writer.rowCount());
        }

        List<Object[]> rows = readEveryTypeRows(table);
        assertEveryTypeRow(full, rows.get(0));
        assertEquals(Arrays.asList(nulls), Arrays.asList(rows.get(1)));
    }

    @Test
    void append_keeps_empty_strings_apart_from_nulls() {
        TableName people = peopleTable();

        try (RowWriter writer = warehouse.append(people, List.of("id", "name"))) {
            writer.write(new Object[] {1L, ""});
            writer.write(new Object[] {2L, null});
        }

        assertEquals(1L, warehouse.queryAll("SELECT id FROM " + sql(people) + " WHERE name = ''").singleValue());
        assertEquals(2L, warehouse.queryAll("SELECT id FROM " + sql(people) + " WHERE name IS NULL").singleValue());
    }

    @Test
    void append_keeps_quotes_commas_and_line_breaks_in_text_and_json() throws IOException {
        TableName table = new TableName(schema, "notes");
        warehouse.ensureTable(table, List.of(new Column("id", ColumnType.BIGINT), new Column("body", ColumnType.STRING),
                new Column("document", ColumnType.JSON)), List.of());
        List<String> documents = new ArrayList<>();

        try (RowWriter writer = warehouse.append(table, List.of("id", "body", "document"))) {
            for (int i = 0; i < AWKWARD_TEXTS.size(); i++) {
                String document = JSON.writeValueAsString(java.util.Map.of("text", AWKWARD_TEXTS.get(i)));
                documents.add(document);
                writer.write(new Object[] {(long) i, AWKWARD_TEXTS.get(i), document});
            }
        }

        QueryResult result = warehouse.queryAll("SELECT body, document FROM " + sql(table) + " ORDER BY id");
        assertEquals(AWKWARD_TEXTS, column(result, 0));
        for (int i = 0; i < documents.size(); i++) {
            assertEquals(JSON.readTree(documents.get(i)), JSON.readTree((String) result.rows().get(i)[1]));
        }
    }

    @Test
    void append_writes_a_subset_of_the_columns_in_any_order() {
        TableName table = new TableName(schema, "wide");
        warehouse.ensureTable(table, List.of(new Column("a", ColumnType.BIGINT), new Column("b", ColumnType.STRING),
                new Column("c", ColumnType.STRING), new Column("d", ColumnType.DOUBLE)), List.of());

        try (RowWriter writer = warehouse.append(table, List.of("c", "a"))) {
            writer.write(new Object[] {"see", 1L});
        }

        assertRows(List.<Object[]>of(row(1L, null, "see", null)), "SELECT a, b, c, d FROM " + sql(table));
    }

    @Test
    void append_widens_integers_dates_and_local_timestamps_and_rounds_decimals_half_up() {
        TableName table = everyTypeTable();
        List<String> columns = List.of("id", "whole_value", "double_value", "decimal_value", "local_time", "instant", "text_value");

        try (RowWriter writer = warehouse.append(table, columns)) {
            writer.write(new Object[] {1L, 7, 3, 5L, LocalDate.of(2024, 2, 29), LocalDateTime.of(2024, 3, 1, 12, 0), 42L});
            writer.write(new Object[] {2L, null, 2.5f, new BigDecimal("0.0000000005"), null, Instant.parse("2024-03-01T12:00:00Z"), true});
            writer.write(new Object[] {3L, null, null, new BigDecimal("-0.0000000015"), null, null, new BigDecimal("1E+3")});
        }

        assertRows(List.of(
                row(1L, 7L, 3.0, new BigDecimal("5.000000000"), LocalDateTime.of(2024, 2, 29, 0, 0),
                        OffsetDateTime.of(2024, 3, 1, 12, 0, 0, 0, ZoneOffset.UTC), "42"),
                row(2L, null, 2.5, new BigDecimal("0.000000001"), null, OffsetDateTime.of(2024, 3, 1, 12, 0, 0, 0, ZoneOffset.UTC), "true"),
                row(3L, null, null, new BigDecimal("-0.000000002"), null, null, "1000")),
                "SELECT " + String.join(", ", columns.subList(0, 6)) + ", text_value FROM " + sql(table) + " ORDER BY id");
    }

    @Test
    void append_rejects_a_value_that_does_not_suit_its_column_and_keeps_the_other_rows() {
        TableName people = peopleTable();

        try (RowWriter writer = warehouse.append(people, List.of("id", "name"))) {
            writer.write(new Object[] {1L, "Ada"});
            OwnstackException error = assertThrows(OwnstackException.class, () -> writer.write(new Object[] {"2", "Grace"}));
            assertEquals(ErrorCode.INTERNAL, error.code());
            assertTrue(error.getMessage().contains(people + ".id"), error.getMessage());
            writer.write(new Object[] {3L, "Edsger"});
        }

        assertRows(List.<Object[]>of(row(1L, "Ada"), row(3L, "Edsger")), "SELECT id, name FROM " + sql(people) + " ORDER BY id");
    }

    @Test
    void append_rejects_a_row_with_the_wrong_number_of_values() {
        TableName people = peopleTable();

        try (RowWriter writer = warehouse.append(people, List.of("id", "name"))) {
            OwnstackException error = assertThrows(OwnstackException.class, () -> writer.write(new Object[] {1L}));
            assertEquals(ErrorCode.INTERNAL, error.code());
        }

        assertEquals(0L, count(people));
    }

    @Test
    void append_to_a_missing_table_or_column_fails_naming_it() {
        TableName people = peopleTable();
        TableName missing = new TableName(schema, "nobody");

        OwnstackException noTable = assertThrows(OwnstackException.class, () -> warehouse.append(missing, List.of("id")));
        OwnstackException noColumn = assertThrows(OwnstackException.class, () -> warehouse.append(people, List.of("id", "age")));

        assertEquals(ErrorCode.WAREHOUSE_FAILED, noTable.code());
        assertTrue(noTable.getMessage().contains(missing.toString()), noTable.getMessage());
        assertEquals(ErrorCode.WAREHOUSE_FAILED, noColumn.code());
        assertTrue(noColumn.getMessage().contains("age"), noColumn.getMessage());
        assertEquals(0L, count(people), "the warehouse stays usable");
    }

    @Test
    void rows_the_engine_refuses_fail_the_writer_and_the_warehouse_stays_usable() {
        TableName people = peopleTable();

        OwnstackException error = assertThrows(OwnstackException.class, () -> warehouse.inTransaction(inside -> {
            appendPeople(inside, people, 1L, 2L, 1L);
            return null;
        }));
        warehouse.execute("INSERT INTO " + sql(people) + " (id, name) VALUES (?, ?)", 3L, "after");

        assertEquals(ErrorCode.WAREHOUSE_FAILED, error.code());
        assertTrue(error.getMessage().contains(people.toString()), error.getMessage());
        assertRows(List.<Object[]>of(row(3L, "after")), "SELECT id, name FROM " + sql(people));
    }

    @Test
    void statements_fail_at_once_while_a_writer_is_open_and_work_after_it_closes() {
        TableName people = peopleTable();

        try (RowWriter writer = warehouse.append(people, List.of("id", "name"))) {
            writer.write(new Object[] {1L, "Ada"});
            OwnstackException error = assertThrows(OwnstackException.class, () -> warehouse.queryAll("SELECT 1"));
            assertEquals(ErrorCode.INTERNAL, error.code());
        }

        assertEquals(1L, count(people));
    }

    // --- transactions -------------------------------------------------------------------------

    @Test
    void a_transaction_commits_statements_and_appended_rows_when_the_body_returns() {
        TableName people = peopleTable();

        String result = warehouse.inTransaction(inside -> {
            inside.execute("INSERT INTO " + sql(people) + " (id, name) VALUES (1, 'Ada')");
            appendPeople(inside, people, 2L, 3L);
            return "done";
        });

        assertEquals("done", result);
        assertEquals(3L, count(people));
    }

    @Test
    void a_transaction_rolls_back_statements_and_appended_rows_when_the_body_throws() {
        TableName people = peopleTable();
        IllegalStateException failure = new IllegalStateException("stop");

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> warehouse.inTransaction(inside -> {
            inside.execute("INSERT INTO " + sql(people) + " (id, name) VALUES (1, 'Ada')");
            appendPeople(inside, people, 2L, 3L);
            throw failure;
        }));

        assertSame(failure, thrown);
        assertEquals(0L, count(people));
    }

    @Test
    void rows_appended_first_in_a_transaction_are_rolled_back_too() {
        TableName people = peopleTable();

        assertThrows(IllegalStateException.class, () -> warehouse.inTransaction(inside -> {
            appendPeople(inside, people, 1L, 2L);
            throw new IllegalStateException("stop");
        }));

        assertEquals(0L, count(people));
    }

    @Test
    void a_nested_transaction_joins_the_outer_one() {
        TableName people = peopleTable();

        assertThrows(IllegalStateException.class, () -> warehouse.inTransaction(outer -> {
            long inner = outer.inTransaction(nested -> nested.execute("INSERT INTO " + sql(people) + " (id, name) VALUES (1, 'Ada')"));
            assertEquals(1L, inner);
            assertEquals(1L, count(people), "the outer transaction sees the nested one's rows");
            throw new IllegalStateException("stop");
        }));

        assertEquals(0L, count(people), "the nested transaction's rows roll back with the outer one");
    }

    @Test
    void a_failed_statement_inside_a_transaction_rolls_it_back_and_the_warehouse_stays_usable() {
        TableName people = peopleTable();

        assertThrows(OwnstackException.class, () -> warehouse.inTransaction(inside -> {
            inside.execute("INSERT INTO " + sql(people) + " (id, name) VALUES (1, 'Ada')");
            return inside.execute("INSERT INTO " + sql(people) + " (id, name) VALUES (1, 'duplicate')");
        }));
        warehouse.execute("INSERT INTO " + sql(people) + " (id, name) VALUES (2, 'Grace')");

        assertRows(List.<Object[]>of(row(2L, "Grace")), "SELECT id, name FROM " + sql(people));
    }

    @Test
    void a_body_that_catches_a_failed_statement_cannot_commit() {
        TableName people = peopleTable();

        OwnstackException error = assertThrows(OwnstackException.class, () -> warehouse.inTransaction(inside -> {
            inside.execute("INSERT INTO " + sql(people) + " (id, name) VALUES (1, 'Ada')");
            assertThrows(OwnstackException.class, () -> inside.execute("INSERT INTO " + sql(people) + " (id, name) VALUES (1, 'again')"));
            return "carried on";
        }));

        assertEquals(ErrorCode.WAREHOUSE_FAILED, error.code());
        assertTrue(error.getMessage().contains("rolled back"), error.getMessage());
        assertEquals(0L, count(people));
    }

    // --- merge ----------------------------------------------------------------------------------

    @Test
    void merge_updates_matching_rows_and_inserts_the_rest() {
        TableName target = peopleTable();
        TableName source = new TableName(schema, "people_update");
        warehouse.ensureTable(source, List.of(new Column("id", ColumnType.BIGINT), new Column("name", ColumnType.STRING)), List.of());
        warehouse.execute("INSERT INTO " + sql(target) + " (id, name) VALUES (1, 'Ada'), (2, 'Grace')");
        warehouse.execute("INSERT INTO " + sql(source) + " (id, name) VALUES (2, 'Grace Hopper'), (3, 'Edsger')");

        long merged = warehouse.merge(target, source, List.of("id", "name"), List.of("id"));

        assertEquals(2, merged);
        assertRows(List.<Object[]>of(row(1L, "Ada"), row(2L, "Grace Hopper"), row(3L, "Edsger")),
                "SELECT id, name FROM " + sql(target) + " ORDER BY id");
    }

    @Test
    void merge_matches_rows_on_every_key_column() {
        List<Column> columns = List.of(new Column("tenant", ColumnType.STRING), new Column("id", ColumnType.BIGINT),
                new Column("score", ColumnType.DOUBLE));
        TableName target = new TableName(schema, "scores");
        TableName source = new TableName(schema, "new_scores");
        warehouse.ensureTable(target, columns, List.of("tenant", "id"));
        warehouse.ensureTable(source, columns, List.of());
        warehouse.execute("INSERT INTO " + sql(target) + " (tenant, id, score) VALUES ('a', 1, 1.0), ('b', 1, 2.0)");
        warehouse.execute("INSERT INTO " + sql(source) + " (tenant, id, score) VALUES ('b', 1, 20.0), ('a', 2, 3.0)");

        warehouse.merge(target, source, List.of("tenant", "id", "score"), List.of("tenant", "id"));

        assertRows(List.<Object[]>of(row("a", 1L, 1.0), row("a", 2L, 3.0), row("b", 1L, 20.0)),
                "SELECT tenant, id, score FROM " + sql(target) + " ORDER BY tenant, id");
    }

    @Test
    void merge_rejects_a_key_that_is_not_among_the_columns() {
        TableName people = peopleTable();

        OwnstackException error = assertThrows(OwnstackException.class,
                () -> warehouse.merge(people, people, List.of("name"), List.of("id")));

        assertEquals(ErrorCode.INTERNAL, error.code());
    }

    // --- errors and identifiers --------------------------------------------------------------

    @Test
    void a_statement_the_engine_refuses_is_a_user_error_naming_the_engine_and_the_statement() {
        String statement = "SELECT nothing FROM " + schema + ".no_such_table";

        OwnstackException error = assertThrows(OwnstackException.class, () -> warehouse.queryAll(statement));

        assertEquals(ErrorCode.QUERY_INVALID, error.code());
        assertEquals(ErrorKind.USER, error.kind());
        assertTrue(error.getMessage().startsWith(warehouse.dialect().name() + " failed: "), error.getMessage());
        assertTrue(error.getMessage().contains(statement), error.getMessage());
    }

    @Test
    void a_statement_failing_while_it_runs_is_an_external_error_naming_the_engine_and_the_statement() {
        String statement = "SELECT CAST(x AS INTEGER) FROM (VALUES ('12'), ('twelve')) AS t(x)";

        OwnstackException error = assertThrows(OwnstackException.class, () -> warehouse.queryAll(statement));

        assertEquals(ErrorCode.WAREHOUSE_FAILED, error.code());
        assertEquals(ErrorKind.EXTERNAL, error.kind());
        assertTrue(error.getMessage().startsWith(warehouse.dialect().name() + " failed: "), error.getMessage());
        assertTrue(error.getMessage().contains(statement), error.getMessage());
    }

    @Test
    void the_warehouse_stays_usable_after_failed_statements() {
        TableName people = peopleTable();

        assertThrows(OwnstackException.class, () -> warehouse.execute("INSERT INTO " + sql(people) + " (id, name) VALUES ('not a number', 'x')"));
        assertThrows(OwnstackException.class, () -> warehouse.queryAll("SELEC 1"));
        assertThrows(OwnstackException.class, () -> warehouse.query("SELECT missing_column FROM " + sql(people), List.of(), handler(values -> { })));
        warehouse.execute("INSERT INTO " + sql(people) + " (id, name) VALUES (?, ?)", 1L, "Ada");

        assertEquals(1L, count(people));
    }

    @Test
    void reserved_words_work_as_table_and_column_names() {
        TableName table = new TableName(schema, "select");
        TableName source = new TableName(schema, "from");
        List<Column> columns = List.of(new Column("order", ColumnType.BIGINT), new Column("group", ColumnType.STRING),
                new Column("where", ColumnType.DATE));
        warehouse.ensureTable(table, columns.subList(0, 2), List.of("order"));
        warehouse.ensureTable(table, columns, List.of("order"));
        warehouse.ensureTable(source, columns, List.of());
        SqlDialect dialect = warehouse.dialect();

        try (RowWriter writer = warehouse.append(table, List.of("where", "order", "group"))) {
            writer.write(new Object[] {LocalDate.of(2024, 1, 1), 1L, "first"});
        }
        warehouse.execute("INSERT INTO " + dialect.table(source) + " (" + dialect.quote("order") + ", " + dialect.quote("group")
                + ") VALUES (?, ?), (?, ?)", 1L, "changed", 2L, "second");
        warehouse.merge(table, source, List.of("order", "group"), List.of("order"));

        assertEquals(Optional.of(columns), warehouse.describe(table));
        assertRows(List.<Object[]>of(row(1L, "changed", LocalDate.of(2024, 1, 1)), row(2L, "second", null)),
                "SELECT " + dialect.quote("order") + ", " + dialect.quote("group") + ", " + dialect.quote("where")
                        + " FROM " + dialect.table(table) + " ORDER BY " + dialect.quote("order"));
    }

    @Test
    void a_sibling_connection_writes_while_this_one_streams_a_query() {
        TableName people = peopleTable();
        appendPeople(warehouse, people, 1, 2, 3);
        TableName copy = new TableName(schema, "people_copy");
        warehouse.ensureTable(copy, List.of(new Column("id", ColumnType.BIGINT), new Column("name", ColumnType.STRING)), List.of());
        try (Warehouse sibling = warehouse.openSibling(); RowWriter writer = sibling.append(copy, List.of("id", "name"))) {
            warehouse.query("SELECT id, name FROM " + warehouse.dialect().table(people) + " ORDER BY id", List.of(), new RowHandler() {
                @Override
                public void columns(List<ResultColumn> columns) {
                }

                @Override
                public void row(Object[] values) {
                    writer.write(new Object[] {(Long) values[0] * 10, values[1]});
                }
            });
        }
        assertEquals(List.of(10L, 20L, 30L), warehouse.queryAll("SELECT id FROM " + warehouse.dialect().table(copy) + " ORDER BY id")
                .rows().stream().map(row -> row[0]).toList());
    }

    @Test
    void json_text_reads_a_nested_field_of_a_json_column_and_of_text_holding_json() {
        TableName table = new TableName(schema, "documents");
        warehouse.ensureTable(table, List.of(new Column("id", ColumnType.BIGINT), new Column("document", ColumnType.JSON),
                new Column("text", ColumnType.STRING)), List.of());
        warehouse.execute("INSERT INTO " + warehouse.dialect().table(table) + " VALUES (1, ?, ?), (2, ?, ?)",
                "{\"traits\": {\"e-mail\": \"a@b.com\", \"it's\": 1}}", "{\"x\": \"y\"}", "{\"other\": true}", "not json?");
        String sql = "SELECT " + warehouse.dialect().jsonText(warehouse.dialect().quote("document"), List.of("traits", "e-mail")) + ", "
                + warehouse.dialect().jsonText(warehouse.dialect().quote("document"), List.of("traits", "it's")) + ", "
                + warehouse.dialect().jsonText(warehouse.dialect().quote("text"), List.of("x"))
                + " FROM " + warehouse.dialect().table(table) + " WHERE id = 1";
        Object[] row = warehouse.queryAll(sql).rows().get(0);
        assertEquals("a@b.com", row[0]);
        assertEquals("1", row[1]);
        assertEquals("y", row[2]);
        Object missing = warehouse.queryAll("SELECT " + warehouse.dialect().jsonText(warehouse.dialect().quote("document"), List.of("traits", "email"))
                + " FROM " + warehouse.dialect().table(table) + " WHERE id = 2").singleValue();
        assertEquals(null, missing);
    }

    // --- helpers --------------------------------------------------------------------------------

    /** A table {@code people (id BIGINT PRIMARY KEY, name STRING)} in the test's schema. */
    protected TableName peopleTable() {
        TableName people = new TableName(schema, "people");
        warehouse.ensureTable(people, List.of(new Column("id", ColumnType.BIGINT), new Column("name", ColumnType.STRING)), List.of("id"));
        return people;
    }

    private static void appendPeople(Warehouse target, TableName people, long... ids) {
        try (RowWriter writer = target.append(people, List.of("id", "name"))) {
            for (long id : ids) {
                writer.write(new Object[] {id, "person " + id});
            }
        }
    }

    /** One column per logical type, first a key. */
    protected static List<Column> everyTypeColumns() {
        return List.of(
                new Column("id", ColumnType.BIGINT),
                new Column("text_value", ColumnType.STRING),
                new Column("whole_value", ColumnType.BIGINT),
                new Column("double_value", ColumnType.DOUBLE),
                new Column("decimal_value", ColumnType.DECIMAL),
                new Column("flag", ColumnType.BOOLEAN),
                new Column("day", ColumnType.DATE),
                new Column("local_time", ColumnType.TIMESTAMP),
                new Column("instant", ColumnType.TIMESTAMPTZ),
                new Column("document", ColumnType.JSON));
    }

    private TableName everyTypeTable() {
        TableName table = new TableName(schema, "every_type");
        warehouse.ensureTable(table, everyTypeColumns(), List.of("id"));
        return table;
    }

    /** Values for {@link #everyTypeColumns()} as a caller would pass them. */
    private static Object[] everyTypeValues(long id) {
        return new Object[] {
                id,
                "it's \"quoted\", with a comma\nand a line break – ü",
                -9_007_199_254_740_993L,
                -1234.5678e-3,
                new BigDecimal("12345678901234567890123456789.123456789"),
                true,
                LocalDate.of(1969, 7, 20),
                LocalDateTime.of(2024, 2, 29, 23, 59, 58, 123_456_000),
                OffsetDateTime.of(2024, 3, 31, 2, 30, 0, 654_321_000, ZoneOffset.ofHours(2)),
                "{\"b\": [1, 2.5, null], \"a\": {\"nested\": \"va'lue\"}, \"t\": true}"};
    }

    private List<Object[]> readEveryTypeRows(TableName table) {
        return warehouse.queryAll("SELECT " + String.join(", ", everyTypeColumns().stream().map(Column::name).toList())
                + " FROM " + sql(table) + " ORDER BY id").rows();
    }

    /**
     * Every value comes back as it went in, with the same Java type, except where the engines agree
     * on a canonical form: TIMESTAMPTZ at UTC, DECIMAL with 9 places, and JSON compared as JSON
     * (PostgreSQL's JSONB rewrites spacing and key order).
     */
    private static void assertEveryTypeRow(Object[] sent, Object[] received) {
        Object[] expected = sent.clone();
        expected[4] = ((BigDecimal) sent[4]).setScale(9);
        expected[8] = ((OffsetDateTime) sent[8]).withOffsetSameInstant(ZoneOffset.UTC);
        for (int i = 0; i < expected.length - 1; i++) {
            assertEquals(expected[i], received[i], everyTypeColumns().get(i).name());
            assertEquals(expected[i].getClass(), received[i].getClass(), everyTypeColumns().get(i).name());
        }
        try {
            assertEquals(JSON.readTree((String) sent[9]), JSON.readTree((String) received[9]));
        } catch (IOException e) {
            throw new AssertionError("the JSON column did not come back as JSON text: " + received[9], e);
        }
    }

    protected String sql(TableName table) {
        return warehouse.dialect().table(table);
    }

    protected long count(TableName table) {
        return ((Number) warehouse.queryAll("SELECT count(*) FROM " + sql(table)).singleValue()).longValue();
    }

    protected static Object[] row(Object... values) {
        return values;
    }

    protected void assertRows(List<Object[]> expected, String query) {
        List<List<Object>> actual = warehouse.queryAll(query).rows().stream().map(Arrays::asList).toList();
        assertEquals(expected.stream().map(Arrays::asList).toList(), actual);
        for (int r = 0; r < expected.size(); r++) {
            for (int c = 0; c < expected.get(r).length; c++) {
                Object value = expected.get(r)[c];
                if (value != null) {
                    assertEquals(value.getClass(), actual.get(r).get(c).getClass(), "type of row " + r + " column " + c);
                }
            }
        }
    }

    private static List<Object> column(QueryResult result, int index) {
        return result.rows().stream().map(values -> values[index]).toList();
    }

    private static RowHandler handler(java.util.function.Consumer<Object[]> onRow) {
        return new RowHandler() {
            @Override
            public void columns(List<ResultColumn> columns) {
                assertFalse(columns.isEmpty());
            }

            @Override
            public void row(Object[] values) {
                onRow.accept(values);
            }
        };
    }
}
