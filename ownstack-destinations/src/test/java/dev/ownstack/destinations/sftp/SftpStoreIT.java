package dev.ownstack.destinations.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.activation.destination.CheckResult;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.core.config.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Optional;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SFTP store against an in-process MINA SSHD server: key login, host key pinning, replacing files. */
class SftpStoreIT {
    @TempDir
    Path root;
    @TempDir
    Path local;
    private SftpServerFake server;
    private KeyPair clientKey;

    @BeforeEach
    void start() throws Exception {
        clientKey = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        server = new SftpServerFake(root, clientKey.getPublic());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void logs_in_with_a_private_key_and_replaces_a_file_through_a_temporary_name() throws Exception {
        Path first = Files.writeString(local.resolve("a.csv"), "a,key\n1,k\n");
        Path second = Files.writeString(local.resolve("b.csv"), "a,key\n2,k\n");
        try (SftpStore store = new SftpStore(connection(Optional.empty(), Optional.of(SftpServerFake.openSshPrivateKey(clientKey)),
                server.fingerprint()), "/")) {
            assertTrue(store.check().ok(), store.check().message());
            store.publish("sync/7/snapshot-00000.csv", first);
            store.publish("sync/7/snapshot-00000.csv", second);
        }
        assertEquals("a,key\n2,k\n", Files.readString(root.resolve("sync/7/snapshot-00000.csv")));
        try (var names = Files.list(root.resolve("sync/7"))) {
            assertEquals(1, names.count(), "no .part file left behind");
        }
    }

    @Test
    void pins_an_ed25519_host_key_and_logs_in_with_an_ed25519_key() throws Exception {
        server.close();
        KeyPair userKey = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        server = new SftpServerFake(root, userKey.getPublic(), KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256));
        Path file = Files.writeString(local.resolve("a.csv"), "a,key\n1,k\n");
        try (SftpStore store = new SftpStore(connection(Optional.empty(), Optional.of(SftpServerFake.openSshPrivateKey(userKey)),
                server.fingerprint()), "/")) {
            store.publish("s/1/added-00000.csv", file);
        }
        assertEquals("a,key\n1,k\n", Files.readString(root.resolve("s/1/added-00000.csv")));
    }

    @Test
    void refuses_a_server_whose_host_key_is_not_the_pinned_one() throws Exception {
        String otherKey = KeyUtils.getFingerPrint(KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256).getPublic());
        Path file = Files.writeString(local.resolve("a.csv"), "x\n");
        try (SftpStore store = new SftpStore(connection(Optional.of(SftpServerFake.PASSWORD), Optional.empty(), otherKey), "/")) {
            CheckResult result = store.check();
            assertFalse(result.ok());
            assertTrue(result.message().contains("sftp://" + SftpServerFake.USER + "@127.0.0.1"), result.message());
            assertTrue(result.message().contains("presented host key ecdsa-sha2-nistp256 " + server.fingerprint()), result.message());
            DestinationException error = assertThrows(DestinationException.class, () -> store.publish("s/1/_manifest.json", file));
            assertEquals(ErrorClass.AUTH, error.errorClass());
        }
        assertFalse(Files.exists(root.resolve("s")), "nothing written to an unverified server");
    }

    @Test
    void check_fails_for_a_missing_folder() {
        try (SftpStore store = new SftpStore(connection(Optional.of(SftpServerFake.PASSWORD), Optional.empty(), server.fingerprint()),
                "/missing")) {
            CheckResult result = store.check();
            assertFalse(result.ok());
            assertTrue(result.message().contains("/missing"), result.message());
        }
    }

    private SftpConnection connection(Optional<String> password, Optional<String> privateKey, String fingerprint) {
        return new SftpConnection("127.0.0.1", server.port(), SftpServerFake.USER, password.map(Secret::literal), privateKey.map(Secret::literal),
                Optional.empty(), fingerprint, Duration.ofSeconds(10));
    }
}
