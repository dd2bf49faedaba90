package dev.ownstack.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The expressions a {@link SqlDialect} writes for audiences give the same values on every engine
 * that runs them: JSON numbers and keys, hash buckets, LIKE with escaped wildcards. One subclass
 * per engine opens a warehouse per test; the suite replaces its table.
 */
public abstract class SqlExpressionSuite {
    private static final String DOCUMENTS = "{\"n\": 12, \"s\": \"12\", \"b\": true, \"d\": -1.5e2, \"z\": null, \"o\": {\"k\": 1},"
            + " \"it's \\\"odd\\\"\": 7, \"a/b~c\": 8, \"back\\\\slash\": 9, \"what?\": 10}";

    protected Warehouse warehouse;
    private TableName table;

    protected abstract Warehouse open();

    @BeforeEach
    void openWarehouse() {
        warehouse = open();
        table = new TableName("expressions", "documents");
        warehouse.execute(warehouse.dialect().createSchemaIfNotExists(table.schema()));
        warehouse.execute("DROP TABLE IF EXISTS " + warehouse.dialect().table(table));
        warehouse.ensureTable(table, List.of(new Column("grp", ColumnType.STRING), new Column("document", ColumnType.JSON),
                new Column("label", ColumnType.STRING)), List.of());
    }

    @AfterEach
    void closeWarehouse() {
        warehouse.close();
    }

    private void insert(String group, String document, String label) {
        warehouse.execute("INSERT INTO " + warehouse.dialect().table(table) + " VALUES (?, ?, ?)", group, document, label);
    }

    private List<Object> row(String... expressions) {
        String sql = "SELECT " + String.join(", ", expressions) + " FROM " + warehouse.dialect().table(table);
        return Arrays.asList(warehouse.queryAll(sql).rows().get(0));
    }

    @Test
    void json_number_reads_json_numbers_and_nothing_else() {
        insert("a", DOCUMENTS, null);
        SqlDialect dialect = warehouse.dialect();
        String document = dialect.quote("document");
        List<String> expressions = new ArrayList<>();
        for (String key : List.of("n", "s", "b", "d", "z", "o", "missing", "it's \"odd\"", "a/b~c", "back\\slash", "what?")) {
            expressions.add(dialect.jsonNumber(document, List.of(key)));
        }
        expressions.add(dialect.jsonNumber(document, List.of("o", "k")));
        assertEquals(Arrays.asList(12.0, null, null, -150.0, null, null, null, 7.0, 8.0, 9.0, 10.0, 1.0), row(expressions.toArray(String[]::new)));
    }

    @Test
    void json_text_reads_keys_with_any_characters() {
        insert("a", DOCUMENTS, null);
        String document = warehouse.dialect().quote("document");
        assertEquals(Arrays.asList("7", "8", "9", "10", "true", null), row(warehouse.dialect().jsonText(document, List.of("it's \"odd\"")),
                warehouse.dialect().jsonText(document, List.of("a/b~c")), warehouse.dialect().jsonText(document, List.of("back\\slash")),
                warehouse.dialect().jsonText(document, List.of("what?")), warehouse.dialect().jsonText(document, List.of("b")),
                warehouse.dialect().jsonText(document, List.of("z"))));
    }

    @Test
    void json_key_types_lists_every_key_of_every_group_with_its_types() {
        insert("a", "{\"x\": 1, \"y\": \"t\"}", null);
        insert("a", "{\"x\": \"one\", \"z\": [1], \"w/~\": {}}", null);
        insert("b", "{\"x\": false, \"n\": null}", null);
        insert("b", "[1, 2]", null);
        insert("b", "3", null);
        insert(null, "{\"ignored\": 1}", null);
        List<String> rows = warehouse.queryAll(warehouse.dialect().jsonKeyTypes(table, "grp", "document")).rows().stream()
                .map(row -> row[0] + " " + row[1] + " " + row[2] + " " + ((Number) row[3]).longValue()).sorted().toList();
        assertEquals(List.of("a w/~ object 1", "a x number 1", "a x string 1", "a y string 1", "a z array 1", "b n null 1", "b x boolean 1"), rows);
    }

    @Test
    void hash_buckets_are_the_first_32_bits_of_md5_modulo_the_buckets() {
        List<String> texts = List.of("", "a", "cus_0000000000000001", "sample:vip:cus_00ff", "ünïcode ✓", "it's");
        for (String text : texts) {
            insert("a", "{}", text);
            Object bucket = warehouse.queryAll("SELECT " + warehouse.dialect().hashBucket(warehouse.dialect().quote("label"), 100) + " FROM "
                    + warehouse.dialect().table(table)).singleValue();
            assertEquals(javaBucket(text, 100), ((Number) bucket).longValue(), text);
            assertEquals(1, warehouse.execute("DELETE FROM " + warehouse.dialect().table(table)));
        }
    }

    @Test
    void like_takes_wildcards_in_the_value_literally() {
        insert("a", "{}", "50% off_now \\ back");
        SqlDialect dialect = warehouse.dialect();
        String label = dialect.quote("label");
        for (String part : List.of("50%", "% off_", "_now", "\\ back", "50% off_now \\ back")) {
            assertEquals(1L, count(dialect.like(label, "?"), "%" + SqlDialect.escapeLike(part) + "%"), part);
        }
        for (String absent : List.of("50%%", "5_%", "off now", "\\\\")) {
            assertEquals(0L, count(dialect.like(label, "?"), "%" + SqlDialect.escapeLike(absent) + "%"), absent);
        }
        assertEquals(1L, count(dialect.like(label, "?"), SqlDialect.escapeLike("50% o") + "%"));
        assertEquals(0L, count(dialect.like(label, "?"), SqlDialect.escapeLike("0% o") + "%"));
    }

    private long count(String condition, Object parameter) {
        return ((Number) warehouse.queryAll("SELECT count(*) FROM " + warehouse.dialect().table(table) + " WHERE " + condition, parameter)
                .singleValue()).longValue();
    }

    static long javaBucket(String text, int buckets) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            return Long.parseLong(HexFormat.of().formatHex(digest).substring(0, 8), 16) % buckets;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
