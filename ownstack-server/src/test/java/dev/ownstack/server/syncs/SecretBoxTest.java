package dev.ownstack.server.syncs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {
    @TempDir
    Path project;

    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    @Test
    void opens_what_it_sealed_and_never_seals_a_text_the_same_way_twice() {
        SecretBox box = SecretBox.withKey(key(1));
        String first = box.seal("s3cret");
        String second = box.seal("s3cret");
        assertNotEquals(first, second);
        assertFalse(first.contains("s3cret"), first);
        assertEquals("s3cret", box.open(first));
        assertEquals("s3cret", box.open(second));
    }

    @Test
    void refuses_a_secret_sealed_with_another_key_or_altered() {
        String sealed = SecretBox.withKey(key(1)).seal("s3cret");
        OwnstackException other = assertThrows(OwnstackException.class, () -> SecretBox.withKey(key(2)).open(sealed));
        assertEquals(ErrorCode.CONFIG_INVALID, other.code());
        assertTrue(other.getMessage().contains("cannot be opened with this key"), other.getMessage());
        // One bit of the ciphertext flipped (a base64 character near the end may carry only padding bits).
        byte[] bytes = Base64.getDecoder().decode(sealed.substring("v1:".length()));
        bytes[bytes.length / 2] ^= 1;
        String altered = "v1:" + Base64.getEncoder().encodeToString(bytes);
        assertThrows(OwnstackException.class, () -> SecretBox.withKey(key(1)).open(altered));
    }

    @Test
    void creates_a_key_file_only_its_owner_reads_and_uses_it_again() throws Exception {
        String sealed = SecretBox.forProject(project, name -> Optional.empty()).seal("s3cret");
        Path file = project.resolve(SecretBox.KEY_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(32, Base64.getDecoder().decode(Files.readString(file).strip()).length);
        assertEquals("s3cret", SecretBox.forProject(project, name -> Optional.empty()).open(sealed));
    }

    @Test
    void takes_the_key_from_the_environment_before_the_file() {
        Map<String, String> environment = Map.of(SecretBox.ENVIRONMENT, Base64.getEncoder().encodeToString(key(7)));
        String sealed = SecretBox.forProject(project, name -> Optional.ofNullable(environment.get(name))).seal("s3cret");
        assertEquals("s3cret", SecretBox.withKey(key(7)).open(sealed));
        assertFalse(Files.exists(project.resolve(SecretBox.KEY_FILE)));
    }

    @Test
    void rejects_an_environment_key_that_is_not_32_bytes() {
        SecretBox box = SecretBox.forProject(project, name -> Optional.of(Base64.getEncoder().encodeToString(new byte[16])));
        OwnstackException e = assertThrows(OwnstackException.class, () -> box.seal("x"));
        assertEquals(ErrorCode.CONFIG_INVALID, e.code());
        assertEquals("OWNSTACK_SECRET_KEY: must be the base64 of 32 random bytes (such as the output of `openssl rand -base64 32`), got 16 bytes",
                e.getMessage());
    }
}
