package dev.ownstack.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.warehouse.Warehouse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Users, keys and the audit log on a real engine; each engine's test gives the warehouse. */
abstract class UserStoreSuite {
    static final PasswordHasher HASHER = new PasswordHasher();
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    abstract Warehouse warehouse();

    private UserStore store() {
        return new UserStore(warehouse(), HASHER);
    }

    @Test
    void adds_users_with_hashed_passwords_and_lists_them_by_name() {
        store().add("zoe", Role.VIEWER, "zoe-has-a-long-password", AT);
        store().add("ann@example.com", Role.ADMIN, "ann-has-a-long-password", AT);
        assertEquals(List.of(new User("ann@example.com", Role.ADMIN, AT, false), new User("zoe", Role.VIEWER, AT, false)), store().list());
        UserStore.Stored stored = store().find("zoe").orElseThrow();
        assertTrue(stored.passwordHash().startsWith("$argon2id$"), stored.passwordHash());
        assertFalse(stored.passwordHash().contains("zoe-has-a-long-password"));
        assertTrue(HASHER.verify("zoe-has-a-long-password", stored.passwordHash()));
    }

    @Test
    void refuses_a_taken_name_a_bad_name_and_a_short_password() {
        store().add("ann", Role.EDITOR, "ann-has-a-long-password", AT);
        assertEquals(ErrorCode.CONFLICT, assertThrows(OwnstackException.class, () -> store().add("ann", Role.VIEWER, "another-long-password", AT))
                .code());
        OwnstackException badName = assertThrows(OwnstackException.class, () -> store().add("ann smith", Role.VIEWER, "a-long-password!", AT));
        assertTrue(badName.getMessage().startsWith("name: a user name is"), badName.getMessage());
        OwnstackException shortPassword = assertThrows(OwnstackException.class, () -> store().add("bob", Role.VIEWER, "short", AT));
        assertTrue(shortPassword.getMessage().startsWith("password: must be at least 12"), shortPassword.getMessage());
    }

    @Test
    void changes_role_disables_and_resets_the_password() {
        store().add("ann", Role.VIEWER, "ann-has-a-long-password", AT);
        assertEquals(Role.EDITOR, store().setRole("ann", Role.EDITOR).role());
        assertTrue(store().setDisabled("ann", true).disabled());
        store().setPassword("ann", "a-brand-new-password");
        assertTrue(HASHER.verify("a-brand-new-password", store().find("ann").orElseThrow().passwordHash()));
        OwnstackException missing = assertThrows(OwnstackException.class, () -> store().setRole("bob", Role.ADMIN));
        assertEquals(ErrorCode.NOT_FOUND, missing.code());
        assertEquals("no user named 'bob'; users: ann", missing.getMessage());
    }

    @Test
    void creates_lists_and_revokes_keys_storing_only_their_hash() {
        store().add("ann", Role.EDITOR, "ann-has-a-long-password", AT);
        KeyToken token = store().createKey("ann", AT);
        assertTrue(token.text().startsWith("osk_" + token.id() + "_"), token.toString());
        assertEquals(Optional.of(token), KeyToken.parse(token.text()));
        ApiKey listed = store().keys("ann").get(0);
        assertEquals(new ApiKey(token.id(), "ann", token.prefix(), AT, Optional.empty(), Optional.empty()), listed);
        UserStore.StoredKey stored = store().allKeys().get(0);
        assertTrue(token.matches(stored.keyHash()));
        assertFalse(stored.keyHash().contains(token.text().substring(17)));
        store().touchKey(token.id(), AT.plusSeconds(60));
        assertEquals(Optional.of(AT.plusSeconds(60)), store().keys("ann").get(0).lastUsedAt());
        ApiKey revoked = store().revokeKey("ann", token.prefix(), AT.plusSeconds(120));
        assertEquals(Optional.of(AT.plusSeconds(120)), revoked.revokedAt());
        assertEquals(ErrorCode.NOT_FOUND, assertThrows(OwnstackException.class, () -> store().revokeKey("ann", "000000000000", AT)).code());
    }

    @Test
    void gives_no_key_to_a_disabled_user() {
        store().add("ann", Role.EDITOR, "ann-has-a-long-password", AT);
        store().setDisabled("ann", true);
        assertEquals(ErrorCode.CONFLICT, assertThrows(OwnstackException.class, () -> store().createKey("ann", AT)).code());
    }

    @Test
    void reads_no_users_before_the_tables_exist() {
        assertEquals(List.of(), store().list());
        assertEquals(List.of(), store().allKeys());
    }

    @Test
    void appends_to_the_audit_log_and_pages_it_newest_first() {
        AuditLog log = new AuditLog(this::sibling);
        assertEquals(0, log.page(10, 0, "").total());
        for (int i = 0; i < 5; i++) {
            ObjectNode detail = JsonNodeFactory.instance.objectNode().put("n", i);
            log.record(new AuditEntry(AT.plusSeconds(i), i % 2 == 0 ? "ann" : "scheduler", "sync.run", "vip-" + i, detail, AuditEntry.SUCCESS));
        }
        AuditLog.Page page = log.page(2, 1, "");
        assertEquals(5, page.total());
        assertEquals(List.of("vip-3", "vip-2"), page.entries().stream().map(AuditEntry::target).toList());
        assertEquals(3, page.entries().get(0).detail().path("n").asInt());
        assertEquals(AT.plusSeconds(3), page.entries().get(0).at());
        AuditLog.Page ann = log.page(10, 0, "ann");
        assertEquals(3, ann.total());
        assertEquals(List.of("vip-4", "vip-2", "vip-0"), ann.entries().stream().map(AuditEntry::target).toList());
    }

    @Test
    void filters_the_audit_log_by_actor_action_text_and_outcome_in_the_warehouse() {
        AuditLog log = new AuditLog(this::sibling);
        String[][] rows = {{"ann", "sync.run", AuditEntry.SUCCESS}, {"ann", "user.create", "FORBIDDEN"}, {"bob", "Sync.Update", AuditEntry.SUCCESS},
            {"bob", "sync_run%", "failed"}, {"ann", "destination.check", AuditEntry.SUCCESS}};
        for (int i = 0; i < rows.length; i++) {
            log.record(new AuditEntry(AT.plusSeconds(i), rows[i][0], rows[i][1], "t" + i, JsonNodeFactory.instance.objectNode(), rows[i][2]));
        }
        assertEquals(List.of("t3", "t2", "t0"), targets(log.page(10, 0, new AuditLog.Filter("", "SYNC", AuditLog.Outcome.ANY))));
        assertEquals(List.of("t3", "t1"), targets(log.page(10, 0, new AuditLog.Filter("", "", AuditLog.Outcome.FAILED))));
        assertEquals(List.of("t4", "t2", "t0"), targets(log.page(10, 0, new AuditLog.Filter("", "", AuditLog.Outcome.SUCCESS))));
        assertEquals(List.of("t0"), targets(log.page(10, 0, new AuditLog.Filter("ann", "sync", AuditLog.Outcome.SUCCESS))));
        // the text is a substring, not a LIKE pattern
        assertEquals(List.of("t3"), targets(log.page(10, 0, new AuditLog.Filter("", "_run%", AuditLog.Outcome.ANY))));
        AuditLog.Page paged = log.page(1, 1, new AuditLog.Filter("", "sync", AuditLog.Outcome.ANY));
        assertEquals(3, paged.total());
        assertEquals(List.of("t2"), targets(paged));
    }

    private static List<String> targets(AuditLog.Page page) {
        return page.entries().stream().map(AuditEntry::target).toList();
    }

    abstract Warehouse sibling();
}
