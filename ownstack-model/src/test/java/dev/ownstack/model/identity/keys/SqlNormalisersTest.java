package dev.ownstack.model.identity.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.config.identity.KeyKind;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** On any ASCII text, the SQL normalisers give the key and blocked flag the Java normalisers give. */
class SqlNormalisersTest {
    private static final TableName TEXTS = new TableName("raw", "texts");
    private static final String PIECES = "aAzZ09 \t\n.@+-'_,|";
    private static final List<String> WORDS = List.of("gmail.com", "googlemail.com", "outlook.com", "example.org", "null", "unknown",
            "test@test.com", "n/a", "90210", "-1234", "SW1A", "1AA", "O'Brien", "Mary  Ann", "..", "@", "+tag", "NULL");

    @Test
    void every_kind_normalises_ascii_text_as_java_does_on_duckdb() {
        try (Warehouse warehouse = DuckDbWarehouse.inMemory()) {
            assertSameAsJava(warehouse, 20_000);
        }
    }

    static void assertSameAsJava(Warehouse warehouse, int count) {
        Set<String> texts = texts(count);
        warehouse.ensureTable(TEXTS, List.of(new Column("raw", ColumnType.STRING)), List.of());
        try (RowWriter writer = warehouse.append(TEXTS, List.of("raw"))) {
            texts.forEach(text -> writer.write(new Object[] {text}));
        }
        BlockedValues blockedValues = BlockedValues.defaults().withExtras(KeyKind.EMAIL, List.of("NoReply@Shop.example"));
        Normalisers java = new Normalisers(new PhoneKey("GB"), blockedValues);
        SqlNormalisers sql = new SqlNormalisers(warehouse.dialect());
        for (KeyKind kind : SqlNormalisers.KINDS) {
            SqlNormalisers.Stages stages = sql.stages(kind, "t", "s_", blockedValues.of(kind)).orElseThrow();
            String query = sql.apply("SELECT raw AS t FROM " + warehouse.dialect().table(TEXTS), List.of(stages));
            int keys = 0;
            List<String> differences = new ArrayList<>();
            for (Object[] row : warehouse.queryAll("SELECT t, " + stages.value() + ", " + stages.blocked() + " FROM (" + query + ") s").rows()) {
                String raw = (String) row[0];
                Optional<String> expected = java.canonical(kind, raw);
                Optional<String> actual = Optional.ofNullable((String) row[1]);
                boolean blocked = expected.isPresent() && java.isBlocked(kind, expected.get());
                if (!expected.equals(actual) || expected.isPresent() && blocked != (Boolean) row[2]) {
                    differences.add(escaped(raw) + ": java " + expected + (blocked ? " blocked" : "") + ", sql " + actual + " " + row[2]);
                }
                keys += expected.isPresent() ? 1 : 0;
            }
            assertEquals(List.of(), differences.subList(0, Math.min(differences.size(), 10)), kind.name());
            assertTrue(keys > count / 20, kind + " gave " + keys + " keys");
        }
    }

    /** Random ASCII text of every character, words that matter to some normaliser, and shapes of addresses and postcodes. */
    private static Set<String> texts(int count) {
        SplittableRandom random = new SplittableRandom(5);
        Set<String> texts = new LinkedHashSet<>();
        while (texts.size() < count) {
            StringBuilder text = new StringBuilder();
            int pieces = 1 + random.nextInt(6);
            for (int i = 0; i < pieces; i++) {
                switch (random.nextInt(5)) {
                    case 0 -> text.append((char) random.nextInt(128));
                    case 1 -> text.append(PIECES.charAt(random.nextInt(PIECES.length())));
                    case 2 -> text.append(WORDS.get(random.nextInt(WORDS.size())));
                    case 3 -> text.append(random.nextBoolean() ? "jo.e" + random.nextInt(9) + "@" : "sw" + random.nextInt(20) + " ");
                    default -> text.append(PIECES.charAt(random.nextInt(PIECES.length()))).append("J.o+x").append(random.nextInt(9))
                            .append('@').append(WORDS.get(random.nextInt(4)));
                }
            }
            texts.add(text.toString());
        }
        return texts;
    }

    private static String escaped(String text) {
        StringBuilder escaped = new StringBuilder("'");
        text.chars().forEach(c -> escaped.append(c < 32 || c == 127 ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return escaped.append("'").toString();
    }
}
