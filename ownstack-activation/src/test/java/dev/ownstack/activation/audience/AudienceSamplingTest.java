package dev.ownstack.activation.audience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.config.audiences.AllOf;
import dev.ownstack.core.config.audiences.AudienceDefinition;
import dev.ownstack.core.config.audiences.AudienceMembership;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sampling and holdouts pick customers by a hash of their id: the members are exactly those this
 * test computes in Java from MD5, so they are the same on every run and every engine.
 */
class AudienceSamplingTest {
    private static final List<String> IDS = IntStream.range(0, 1000).mapToObj(i -> String.format("cus_%016x", i * 7919L)).toList();
    private static Warehouse warehouse;
    private static ModelCatalog catalog;

    @BeforeAll
    static void load() {
        warehouse = DuckDbWarehouse.inMemory();
        List<Object[]> rows = IDS.stream().map(id -> new Object[] {id}).toList();
        AudienceFixtures.write(warehouse, ModelCatalog.CUSTOMERS, List.of(new Column("customer_id", ColumnType.STRING)), rows);
        catalog = ModelCatalog.read(warehouse);
    }

    @AfterAll
    static void close() {
        warehouse.close();
    }

    static int bucket(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            return (int) (Long.parseLong(HexFormat.of().formatHex(digest).substring(0, 8), 16) % 100);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> expected(Predicate<String> member) {
        return IDS.stream().filter(member).sorted().toList();
    }

    private static List<String> members(AudienceDefinition definition, Map<String, AudienceDefinition> others, boolean holdout) {
        AudienceCompiler compiler = Audiences.compiler(warehouse, catalog, others);
        return Audiences.run(warehouse, holdout ? compiler.compileHoldout(definition) : compiler.compile(definition));
    }

    @Test
    void samples_by_a_hash_of_the_customer_id() {
        AudienceDefinition sample = new AudienceDefinition("sampled", "", new AllOf(List.of()), 0, 30);
        List<String> members = members(sample, Map.of(), false);
        assertEquals(expected(id -> bucket("sample:sampled:" + id) < 30), members);
        assertTrue(members.size() > 230 && members.size() < 370, "about 30% of 1000: " + members.size());
    }

    @Test
    void holds_out_a_control_group_outside_the_members() {
        AudienceDefinition held = new AudienceDefinition("held", "", new AllOf(List.of()), 10, 100);
        List<String> members = members(held, Map.of(), false);
        List<String> control = members(held, Map.of(), true);
        assertEquals(expected(id -> bucket("holdout:held:" + id) >= 10), members);
        assertEquals(expected(id -> bucket("holdout:held:" + id) < 10), control);
        List<String> all = new ArrayList<>(members);
        all.addAll(control);
        assertEquals(IDS.stream().sorted().toList(), all.stream().sorted().toList());
        assertTrue(control.size() > 50 && control.size() < 150, "about 10% of 1000: " + control.size());
    }

    @Test
    void sample_and_holdout_are_independent() {
        AudienceDefinition both = new AudienceDefinition("both", "", new AllOf(List.of()), 20, 50);
        assertEquals(expected(id -> bucket("sample:both:" + id) < 50 && bucket("holdout:both:" + id) >= 20), members(both, Map.of(), false));
        assertEquals(expected(id -> bucket("sample:both:" + id) < 50 && bucket("holdout:both:" + id) < 20), members(both, Map.of(), true));
    }

    @Test
    void another_audience_counts_with_its_sample_and_holdout() {
        AudienceDefinition inner = new AudienceDefinition("inner", "", new AllOf(List.of()), 25, 60);
        AudienceDefinition outer = new AudienceDefinition("outer", "", new AudienceMembership("inner"), 0, 100);
        assertEquals(expected(id -> bucket("sample:inner:" + id) < 60 && bucket("holdout:inner:" + id) >= 25),
                members(outer, Map.of("inner", inner), false));
    }
}
