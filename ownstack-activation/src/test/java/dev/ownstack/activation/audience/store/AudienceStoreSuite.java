package dev.ownstack.activation.audience.store;

import static dev.ownstack.activation.audience.testing.Rules.definition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.activation.audience.ModelCatalog;
import dev.ownstack.activation.audience.history.MembershipHistory;
import dev.ownstack.activation.audience.testing.SettableClock;
import dev.ownstack.activation.audience.testing.ShopModels;
import dev.ownstack.core.config.audiences.AudienceDefinition;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.warehouse.Warehouse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The audience store on one engine; a fresh warehouse with the shop's models per test. */
abstract class AudienceStoreSuite {
    private static final Instant CREATED = Instant.parse("2025-03-01T10:00:00.123456Z");

    protected Warehouse warehouse;
    private final SettableClock clock = new SettableClock(CREATED);
    private final Map<String, AudienceDefinition> configured = new LinkedHashMap<>();
    private CompileContext context;

    /** A fresh, empty warehouse of the engine under test. */
    protected abstract Warehouse open();

    /** Drops what {@link #open()} made. */
    protected void dispose() {
    }

    @BeforeEach
    void load() {
        warehouse = open();
        ShopModels.load(warehouse);
        context = new CompileContext(ModelCatalog.read(warehouse), warehouse.dialect(), ShopModels.AS_OF);
        configured.put("gb", definition("gb", "{'trait': 'country', 'operator': 'equals', 'value': 'GB'}"));
        configured.put("buyers", definition("buyers", "{'event': 'Order Completed'}"));
    }

    @AfterEach
    void close() {
        warehouse.close();
        dispose();
    }

    private AudienceStore store() {
        return new AudienceStore(warehouse, configured, clock);
    }

    @Test
    void creates_an_audience_and_reads_it_back_from_the_warehouse() {
        AudienceDefinition vip = new AudienceDefinition("vip", "big spenders", definition("x",
                "{'all': [{'trait': 'vip', 'operator': 'equals', 'value': true}, {'transactions': 'sum', 'operator': 'greater', 'value': 500}]}")
                .rule(), 10, 50);
        StoredAudience created = store().create(vip, AudienceOrigin.API, context);
        assertEquals(Optional.of(CREATED), created.createdAt());
        StoredAudience read = new AudienceStore(warehouse, configured, clock).get("vip");
        assertEquals(created, read);
        assertEquals(vip, read.definition());
        assertEquals(AudienceOrigin.API, read.origin());
        assertTrue(read.editable());
    }

    @Test
    void lists_the_audiences_of_ownstack_yml_first_then_the_saved_ones_by_name() {
        store().create(definition("zz", "{'audience': 'gb'}"), AudienceOrigin.API, context);
        store().create(definition("aa", "{'trait': 'vip', 'operator': 'is-set'}"), AudienceOrigin.recipe("win-back"), context);
        List<StoredAudience> all = store().list();
        assertEquals(List.of("gb", "buyers", "aa", "zz"), all.stream().map(StoredAudience::name).toList());
        assertEquals(List.of("ownstack.yml", "ownstack.yml", "recipe:win-back", "api"), all.stream().map(audience -> audience.origin().text()).toList());
        assertFalse(all.get(0).editable());
        assertEquals(Optional.empty(), all.get(0).createdAt());
        assertEquals(Optional.of("win-back"), all.get(2).origin().recipe());
    }

    @Test
    void reads_no_saved_audiences_and_creates_no_table_before_the_first_is_saved() {
        assertEquals(List.of("gb", "buyers"), store().list().stream().map(StoredAudience::name).toList());
        assertEquals(Optional.empty(), store().find("vip"));
        assertFalse(AudienceTables.exists(warehouse, AudienceTables.AUDIENCES));
    }

    @Test
    void refuses_to_save_a_rule_that_does_not_compile_and_names_the_path() {
        OwnstackException error = assertThrows(OwnstackException.class, () -> store().create(definition("bad",
                "{'all': [{'trait': 'country', 'operator': 'equals', 'value': 'GB'}, {'trait': 'shoe_size', 'operator': 'is-set'}]}"),
                AudienceOrigin.API, context));
        assertEquals(ErrorCode.INPUT_INVALID, error.code());
        assertTrue(error.getMessage().startsWith("rule.all[1].trait: unknown trait \"shoe_size\""), error.getMessage());
        assertEquals(Optional.empty(), store().find("bad"));
    }

    @Test
    void refuses_a_name_that_ownstack_yml_defines() {
        OwnstackException error = assertThrows(OwnstackException.class,
                () -> store().create(definition("gb", "{'trait': 'vip', 'operator': 'is-set'}"), AudienceOrigin.API, context));
        assertEquals(ErrorCode.CONFLICT, error.code());
        assertEquals("audience \"gb\" is defined in ownstack.yml (audiences.gb); create it there, not through the API", error.getMessage());
    }

    @Test
    void refuses_a_name_already_saved() {
        store().create(definition("vip", "{'trait': 'vip', 'operator': 'is-set'}"), AudienceOrigin.API, context);
        OwnstackException error = assertThrows(OwnstackException.class,
                () -> store().create(definition("vip", "{'trait': 'vip', 'operator': 'is-not-set'}"), AudienceOrigin.API, context));
        assertEquals(ErrorCode.CONFLICT, error.code());
        assertEquals("audience \"vip\" already exists; update it instead", error.getMessage());
        assertEquals(definition("vip", "{'trait': 'vip', 'operator': 'is-set'}"), store().get("vip").definition());
    }

    @Test
    void updates_a_saved_audience_keeping_its_origin_and_creation_time() {
        store().create(definition("vip", "{'trait': 'vip', 'operator': 'is-set'}"), AudienceOrigin.recipe("win-back"), context);
        clock.advance(Duration.ofMinutes(5));
        AudienceDefinition changed = definition("vip", "{'trait': 'vip', 'operator': 'equals', 'value': true}");
        StoredAudience updated = store().update(changed, context);
        assertEquals(updated, store().get("vip"));
        assertEquals(changed, updated.definition());
        assertEquals(Optional.of(CREATED), updated.createdAt());
        assertEquals(Optional.of(CREATED.plus(Duration.ofMinutes(5))), updated.updatedAt());
        assertEquals(AudienceOrigin.recipe("win-back"), updated.origin());
    }

    @Test
    void refuses_to_change_or_delete_an_audience_of_ownstack_yml() {
        OwnstackException update = assertThrows(OwnstackException.class,
                () -> store().update(definition("gb", "{'trait': 'vip', 'operator': 'is-set'}"), context));
        assertEquals(ErrorCode.CONFLICT, update.code());
        assertEquals("audience \"gb\" is defined in ownstack.yml (audiences.gb); change it there, not through the API", update.getMessage());
        OwnstackException delete = assertThrows(OwnstackException.class, () -> store().delete("buyers"));
        assertEquals(ErrorCode.CONFLICT, delete.code());
        assertTrue(delete.getMessage().contains("ownstack.yml"), delete.getMessage());
    }

    @Test
    void refuses_an_update_that_closes_a_cycle_and_names_it() {
        store().create(definition("b", "{'trait': 'vip', 'operator': 'is-set'}"), AudienceOrigin.API, context);
        store().create(definition("a", "{'audience': 'b'}"), AudienceOrigin.API, context);
        OwnstackException error = assertThrows(OwnstackException.class, () -> store().update(definition("b", "{'audience': 'a'}"), context));
        assertEquals(ErrorCode.INPUT_INVALID, error.code());
        assertTrue(error.getMessage().contains("b -> a -> b"), error.getMessage());
        assertEquals(definition("b", "{'trait': 'vip', 'operator': 'is-set'}"), store().get("b").definition());
    }

    @Test
    void resolves_references_between_saved_and_configured_audiences() {
        store().create(definition("gb_vip", "{'all': [{'audience': 'gb'}, {'trait': 'vip', 'operator': 'equals', 'value': true}]}"),
                AudienceOrigin.API, context);
        configured.put("gb_vip_buyers", definition("gb_vip_buyers", "{'all': [{'audience': 'gb_vip'}, {'audience': 'buyers'}]}"));
        assertEquals(List.of("c01"), members(store().validate(configured.get("gb_vip_buyers"), context).sql(),
                store().validate(configured.get("gb_vip_buyers"), context).parameters()));
    }

    @Test
    void refuses_to_delete_an_audience_others_use_and_names_them() {
        store().create(definition("base", "{'trait': 'vip', 'operator': 'is-set'}"), AudienceOrigin.API, context);
        store().create(definition("user1", "{'not': {'audience': 'base'}}"), AudienceOrigin.API, context);
        configured.put("user2", definition("user2", "{'any': [{'audience': 'gb'}, {'audience': 'base'}]}"));
        OwnstackException error = assertThrows(OwnstackException.class, () -> store().delete("base"));
        assertEquals(ErrorCode.CONFLICT, error.code());
        assertEquals("audience \"base\" is used by \"user2\", \"user1\"; remove it from their rules first", error.getMessage());
        assertTrue(store().find("base").isPresent());
    }

    @Test
    void deletes_an_audience_with_its_history() {
        AudienceDefinition vip = definition("vip", "{'trait': 'vip', 'operator': 'equals', 'value': true}");
        AudienceDefinition other = definition("other", "{'trait': 'vip', 'operator': 'is-set'}");
        store().create(vip, AudienceOrigin.API, context);
        store().create(other, AudienceOrigin.API, context);
        MembershipHistory history = new MembershipHistory(warehouse, clock);
        history.compute(vip, store().compiler(context), ShopModels.AS_OF);
        history.compute(other, store().compiler(context), ShopModels.AS_OF);
        store().delete("vip");
        assertEquals(Optional.empty(), store().find("vip"));
        assertEquals(List.of(), history.runs("vip", 10));
        assertEquals(1, history.runs("other", 10).size());
        assertEquals(0L, ((Number) warehouse.queryAll("SELECT count(*) FROM ownstack.audience_members WHERE audience = 'vip'").singleValue()).longValue());
        assertEquals(9L, ((Number) warehouse.queryAll("SELECT count(*) FROM ownstack.audience_members WHERE audience = 'other'").singleValue()).longValue());
    }

    @Test
    void names_the_audiences_there_are_when_one_is_unknown() {
        store().create(definition("vip", "{'trait': 'vip', 'operator': 'is-set'}"), AudienceOrigin.API, context);
        OwnstackException get = assertThrows(OwnstackException.class, () -> store().get("vp"));
        assertEquals(ErrorCode.NOT_FOUND, get.code());
        assertEquals("unknown audience \"vp\"; there are \"gb\", \"buyers\", \"vip\"", get.getMessage());
        assertEquals(ErrorCode.NOT_FOUND, assertThrows(OwnstackException.class, () -> store().delete("vp")).code());
        assertEquals(ErrorCode.NOT_FOUND, assertThrows(OwnstackException.class,
                () -> store().update(definition("vp", "{'trait': 'vip', 'operator': 'is-set'}"), context)).code());
    }

    private List<String> members(String sql, List<Object> parameters) {
        return warehouse.queryAll(sql, parameters.toArray()).rows().stream().map(row -> (String) row[0]).sorted().toList();
    }
}
