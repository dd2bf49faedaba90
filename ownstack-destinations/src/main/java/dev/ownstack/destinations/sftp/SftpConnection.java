package dev.ownstack.destinations.sftp;

import dev.ownstack.core.config.Secret;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/**
 * How to reach an SFTP server: host, user, password and/or private key, and the server's host
 * key pinned by its SHA-256 fingerprint as {@code ssh-keygen -lf} prints it
 * ({@code SHA256:base64}). A server presenting another key is refused before authenticating.
 */
record SftpConnection(String host, int port, String username, Optional<Secret> password, Optional<Secret> privateKey,
                      Optional<Secret> passphrase, String hostKeyFingerprint, Duration timeout) {
    SftpConnection {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(passphrase, "passphrase");
        Objects.requireNonNull(hostKeyFingerprint, "hostKeyFingerprint");
        Objects.requireNonNull(timeout, "timeout");
        hostKeyFingerprint = hostKeyFingerprint.startsWith("SHA256:") ? hostKeyFingerprint : "SHA256:" + hostKeyFingerprint;
    }

    /**
     * An SSH client that accepts only the pinned host key; started, to be stopped by the caller.
     * A refused key's type and fingerprint go to {@code refused}, for the message.
     */
    SshClient client(AtomicReference<String> refused) {
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier((session, address, key) -> {
            String fingerprint = KeyUtils.getFingerPrint(key);
            if (hostKeyFingerprint.equals(fingerprint)) {
                return true;
            }
            refused.set("the server presented host key " + KeyUtils.getKeyType(key) + " " + fingerprint + ", not the pinned "
                    + hostKeyFingerprint);
            return false;
        });
        client.start();
        return client;
    }

    /** Connects, checks the host key, authenticates and opens SFTP; closing the client closes the session. */
    SftpClient open(SshClient client) throws IOException {
        ClientSession session = client.connect(username, host, port).verify(timeout).getSession();
        try {
            password.ifPresent(secret -> session.addPasswordIdentity(secret.reveal()));
            if (privateKey.isPresent()) {
                for (KeyPair key : keys()) {
                    session.addPublicKeyIdentity(key);
                }
            }
            session.auth().verify(timeout);
            return SftpClientFactory.instance().createSftpClient(session).singleSessionInstance();
        } catch (IOException | RuntimeException e) {
            session.close(true);
            throw e;
        }
    }

    private Iterable<KeyPair> keys() throws IOException {
        try {
            FilePasswordProvider passwords = passphrase.map(secret -> FilePasswordProvider.of(secret.reveal())).orElse(FilePasswordProvider.EMPTY);
            return SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("private-key"),
                    new ByteArrayInputStream(privateKey.orElseThrow().reveal().getBytes(StandardCharsets.UTF_8)), passwords);
        } catch (GeneralSecurityException e) {
            throw new IOException("the private key cannot be read: " + e.getMessage(), e);
        }
    }

    /** For messages: {@code sftp://user@host:port}. */
    String describe() {
        return "sftp://" + username + "@" + host + ":" + port;
    }
}
