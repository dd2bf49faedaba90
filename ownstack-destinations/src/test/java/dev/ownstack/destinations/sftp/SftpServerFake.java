package dev.ownstack.destinations.sftp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * An in-process Apache MINA SSHD server on 127.0.0.1 with the SFTP subsystem, its file system
 * rooted in a local folder. One user, with a password and an authorized public key.
 */
final class SftpServerFake implements AutoCloseable {
    static final String USER = "exporter";
    static final String PASSWORD = "correct horse";
    /** Held so that the level sticks: the server logs every start and session at INFO. */
    private static final Logger SSHD_LOG = Logger.getLogger("org.apache.sshd");

    static {
        SSHD_LOG.setLevel(Level.WARNING);
    }

    private final SshServer server;
    private final KeyPair hostKey;
    private final PublicKey authorizedKey;

    SftpServerFake(Path root, PublicKey authorizedKey) throws IOException, GeneralSecurityException {
        this(root, authorizedKey, KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256));
    }

    /** A server with this host key only. */
    SftpServerFake(Path root, PublicKey authorizedKey, KeyPair hostKey) throws IOException {
        this.hostKey = hostKey;
        this.authorizedKey = authorizedKey;
        this.server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
        server.setPublickeyAuthenticator((user, key, session) -> USER.equals(user) && KeyUtils.compareKeys(key, this.authorizedKey));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        server.start();
    }

    int port() {
        return server.getPort();
    }

    /** The host key's fingerprint as {@code ssh-keygen -lf} prints it. */
    String fingerprint() {
        return KeyUtils.getFingerPrint(hostKey.getPublic());
    }

    /** A new key pair's private key in OpenSSH form. */
    static String openSshPrivateKey(KeyPair key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "ownstack-test", null, out);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
