package dev.ownstack.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private static final PasswordHasher HASHER = new PasswordHasher();

    @Test
    void hashes_with_argon2id_at_the_owasp_cost_in_phc_format() {
        String phc = HASHER.hash("correct horse battery staple");
        assertTrue(phc.matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"), phc);
        assertTrue(HASHER.verify("correct horse battery staple", phc));
        assertFalse(HASHER.verify("correct horse battery stapler", phc));
    }

    @Test
    void salts_every_hash() {
        assertNotEquals(HASHER.hash("the same password"), HASHER.hash("the same password"));
    }

    @Test
    void verifies_the_reference_implementations_test_vector() {
        // phc-winner-argon2, src/test.c: password "password", salt "somesalt", t=2, m=64 MiB, p=1
        assertTrue(HASHER.verify("password", "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"));
        assertFalse(HASHER.verify("Password", "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"));
    }

    @Test
    void rejects_a_stored_hash_of_another_format() {
        OwnstackException error = assertThrows(OwnstackException.class, () -> HASHER.verify("password", "$2a$10$abcdefghijklmnopqrstuv"));
        assertEquals(ErrorCode.INTERNAL, error.code());
    }

    @Test
    void refuses_a_password_shorter_than_twelve_characters_saying_so() {
        OwnstackException error = assertThrows(OwnstackException.class, () -> PasswordHasher.checkStrength("short-pass1"));
        assertEquals(ErrorCode.INPUT_INVALID, error.code());
        assertTrue(error.getMessage().startsWith("password: must be at least 12 characters long, got 11"), error.getMessage());
        PasswordHasher.checkStrength("twelve-chars");
    }

    @Test
    void answers_false_for_nobody() {
        assertFalse(HASHER.verifyNobody("decoy-password-never-used"));
    }
}
