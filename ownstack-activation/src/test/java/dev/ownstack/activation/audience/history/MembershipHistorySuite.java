package dev.ownstack.activation.audience.history;

import static dev.ownstack.activation.audience.testing.Rules.definition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.activation.audience.AudienceCompiler;
import dev.ownstack.activation.audience.ModelCatalog;
import dev.ownstack.activation.audience.store.AudienceTables;
import dev.ownstack.activation.audience.testing.SettableClock;
import dev.ownstack.activation.audience.testing.ShopModels;
import dev.ownstack.core.config.audiences.AudienceDefinition;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.warehouse.ForwardingWarehouse;
import dev.ownstack.warehouse.Warehouse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Membership over time on one engine. The audience is "score above 0.5": c01, c05, c06 and c08
 * at first; tests move customers in and out by changing their scores.
 */
abstract class MembershipHistorySuite {
    private static final Instant START = Instant.parse("2025-03-01T10:00:00Z");
    private static final AudienceDefinition SCORED = definition("scored", "{'trait': 'score', 'operator': 'greater', 'value': 0.5}");

    protected Warehouse warehouse;
    private final SettableClock clock = new SettableClock(START);
    private AudienceCompiler compiler;

    protected abstract Warehouse open();

    protected void dispose() {
    }

    @BeforeEach
    void load() {
        warehouse = open();
        ShopModels.load(warehouse);
        compiler = new AudienceCompiler(ModelCatalog.read(warehouse), warehouse.dialect(), name -> Optional.empty(), ShopModels.AS_OF);
    }

    @AfterEach
    void close() {
        warehouse.close();
        dispose();
    }

    private AudienceRun compute() {
        clock.advance(Duration.ofHours(1));
        return new MembershipHistory(warehouse, clock).compute(SCORED, compiler, ShopModels.AS_OF);
    }

    private void score(String customer, double score) {
        warehouse.execute("UPDATE model.customers SET score = ? WHERE customer_id = ?", score, customer);
    }

    private MembershipHistory history() {
        return new MembershipHistory(warehouse, clock);
    }

    @Test
    void records_the_first_run_with_every_member_as_joined() {
        AudienceRun run = compute();
        assertEquals(new AudienceRun("scored", 1, START.plus(Duration.ofHours(1)), ShopModels.AS_OF, 4, 0, 4, 0), run);
        assertEquals(List.of(run), history().runs("scored", 10));
        MembershipChanges changes = history().changes("scored", 100);
        assertEquals(new MembershipChanges("scored", 0, 1, 4, 0, List.of("c01", "c05", "c06", "c08"), List.of()), changes);
    }

    @Test
    void lists_who_joined_and_who_left_since_the_previous_run() {
        compute();
        score("c08", 0.1);
        score("c02", 0.9);
        AudienceRun second = compute();
        assertEquals(List.of(4L, 1L, 1L), List.of(second.size(), second.joined(), second.left()));
        assertEquals(new MembershipChanges("scored", 1, 2, 1, 1, List.of("c02"), List.of("c08")), history().changes("scored", 100));
    }

    @Test
    void gives_a_customer_who_comes_back_a_new_interval() {
        compute();
        score("c08", 0.1);
        compute();
        score("c08", 0.7);
        AudienceRun third = compute();
        assertEquals(List.of(4L, 1L, 0L), List.of(third.size(), third.joined(), third.left()));
        List<Object[]> intervals = warehouse.queryAll("SELECT joined_run, left_run FROM ownstack.audience_members"
                + " WHERE audience = 'scored' AND customer_id = 'c08' ORDER BY joined_run").rows();
        assertEquals(List.of(List.of(1L, 2L), Arrays.asList(3L, null)),
                intervals.stream().map(row -> Arrays.asList(((Number) row[0]).longValue(), row[1] == null ? null : ((Number) row[1]).longValue()))
                        .toList());
        // between runs 1 and 3 c08 was a member at both ends, so nobody joined or left
        assertEquals(new MembershipChanges("scored", 1, 3, 0, 0, List.of(), List.of()), history().changes("scored", 1, 3, 100));
        assertEquals(new MembershipChanges("scored", 2, 3, 1, 0, List.of("c08"), List.of()), history().changes("scored", 2, 3, 100));
    }

    @Test
    void names_the_audiences_whose_latest_run_has_the_customer() {
        assertEquals(Map.of(), history().memberships("c01"));
        AudienceRun first = compute();
        assertEquals(Map.of("scored", first), history().memberships("c01"));
        assertEquals(Map.of(), history().memberships("c02"));
        score("c01", 0.1);
        AudienceRun second = compute();
        assertEquals(Map.of(), history().memberships("c01"));
        assertEquals(Map.of("scored", second), history().memberships("c05"));
        assertEquals(Map.of(), history().memberships("nobody"));
    }

    @Test
    void counts_changes_in_full_but_lists_only_up_to_the_limit() {
        compute();
        MembershipChanges changes = history().changes("scored", 0, 1, 2);
        assertEquals(4, changes.joinedCount());
        assertEquals(List.of("c01", "c05"), changes.joined());
        assertEquals(List.of(), history().changes("scored", 0, 1, 0).joined());
    }

    @Test
    void keeps_the_size_history_oldest_first() {
        compute();
        score("c01", 0.0);
        compute();
        score("c05", 0.0);
        compute();
        List<AudienceRun> runs = history().runs("scored", 10);
        assertEquals(List.of(1L, 2L, 3L), runs.stream().map(AudienceRun::runId).toList());
        assertEquals(List.of(4L, 3L, 2L), runs.stream().map(AudienceRun::size).toList());
        assertEquals(List.of(2L, 3L), history().runs("scored", 2).stream().map(AudienceRun::runId).toList());
        assertEquals(Optional.of(3L), history().latest("scored").map(AudienceRun::runId));
        assertEquals(List.of(), history().runs("unknown", 10));
        AudienceRun other = history().compute(definition("other", "{'trait': 'vip', 'operator': 'is-set'}"), compiler, ShopModels.AS_OF);
        assertEquals(Map.of("scored", runs.get(2), "other", other), history().latestRuns());
    }

    @Test
    void counts_the_holdout_apart_from_the_members() {
        AudienceDefinition held = new AudienceDefinition("held", "", definition("x", "{'trait': 'score', 'operator': 'is-set'}").rule(), 50, 100);
        AudienceRun run = history().compute(held, compiler, ShopModels.AS_OF);
        assertEquals(9, run.size() + run.holdoutSize());
        assertTrue(run.size() > 0 && run.holdoutSize() > 0, run.toString());
        List<String> members = history().changes("held", 0, 1, 100).joined();
        List<String> holdout = warehouse.queryAll(compiler.compileHoldout(held).sql(), compiler.compileHoldout(held).parameters().toArray())
                .rows().stream().map(row -> (String) row[0]).toList();
        assertTrue(members.stream().noneMatch(holdout::contains), members + " and " + holdout);
    }

    @Test
    void computes_an_audience_whose_event_condition_is_joined_under_any() {
        // viewed a product (c02, c04, c06, c07, c10) or a VIP (c01, c05, c06)
        AudienceDefinition either = definition("either", "{'any': [{'event': 'Product Viewed'}, {'trait': 'vip', 'operator': 'equals', 'value': true}]}");
        AudienceRun run = history().compute(either, compiler, ShopModels.AS_OF);
        assertEquals(7, run.size());
        assertEquals(List.of("c01", "c02", "c04", "c05", "c06", "c07", "c10"), history().changes("either", 100).joined());
    }

    @Test
    void refuses_changes_of_an_audience_never_computed_or_of_runs_it_does_not_have() {
        OwnstackException never = assertThrows(OwnstackException.class, () -> history().changes("scored", 10));
        assertEquals(ErrorCode.NOT_FOUND, never.code());
        assertEquals("audience \"scored\" has not been computed yet", never.getMessage());
        compute();
        OwnstackException beyond = assertThrows(OwnstackException.class, () -> history().changes("scored", 1, 2, 10));
        assertEquals(ErrorCode.INPUT_INVALID, beyond.code());
        assertEquals("runs 1 to 2 of audience \"scored\": choose 0 <= from < to <= 1 (the latest run; 0 is before the first)", beyond.getMessage());
    }

    @Test
    void writes_nothing_for_a_rule_that_does_not_compile() {
        AudienceDefinition bad = definition("bad", "{'trait': 'shoe_size', 'operator': 'is-set'}");
        OwnstackException error = assertThrows(OwnstackException.class, () -> history().compute(bad, compiler, ShopModels.AS_OF));
        assertEquals(ErrorCode.INPUT_INVALID, error.code());
        assertFalse(AudienceTables.exists(warehouse, AudienceTables.RUNS));
    }

    @Test
    void leaves_the_previous_runs_whole_when_a_computation_fails_halfway() {
        compute();
        score("c08", 0.1);
        score("c02", 0.9);
        List<Object[]> before = intervals();
        // the last statement before the temporary table is dropped: members have been updated by then
        ForwardingWarehouse failing = new ForwardingWarehouse(warehouse, false).failOnceOn("UPDATE " + warehouse.dialect().table(AudienceTables.RUNS));
        assertThrows(OwnstackException.class, () -> new MembershipHistory(failing, clock).compute(SCORED, compiler, ShopModels.AS_OF));
        assertEquals(1, failing.failures());
        assertEquals(List.of(1L), history().runs("scored", 10).stream().map(AudienceRun::runId).toList());
        assertEquals(rows(before), rows(intervals()));
        AudienceRun retried = compute();
        assertEquals(List.of(2L, 1L, 1L), List.of(retried.runId(), retried.joined(), retried.left()));
    }

    @Test
    void computes_one_audience_from_two_threads_one_run_after_the_other() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<Warehouse> siblings = List.of(warehouse.openSibling(), warehouse.openSibling());
        try {
            List<Future<AudienceRun>> runs = new ArrayList<>();
            for (Warehouse sibling : siblings) {
                runs.add(threads.submit(() -> new MembershipHistory(sibling, clock).compute(SCORED, compiler, ShopModels.AS_OF)));
            }
            List<Long> ids = new ArrayList<>();
            for (Future<AudienceRun> run : runs) {
                ids.add(run.get().runId());
            }
            assertEquals(List.of(1L, 2L), ids.stream().sorted().toList());
        } finally {
            threads.shutdown();
            siblings.forEach(Warehouse::close);
        }
        assertEquals(List.of(4L, 0L, 0L), List.of(history().runs("scored", 10).get(1).size(), history().runs("scored", 10).get(1).joined(),
                history().runs("scored", 10).get(1).left()));
        assertEquals(4, intervals().size());
    }

    private List<Object[]> intervals() {
        return warehouse.queryAll("SELECT customer_id, joined_run, left_run FROM ownstack.audience_members ORDER BY customer_id, joined_run").rows();
    }

    private static List<List<Object>> rows(List<Object[]> rows) {
        return rows.stream().map(Arrays::asList).toList();
    }
}
