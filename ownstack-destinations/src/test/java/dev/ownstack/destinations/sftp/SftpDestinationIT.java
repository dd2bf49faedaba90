package dev.ownstack.destinations.sftp;

import dev.ownstack.activation.destination.DestinationFactory;
import dev.ownstack.activation.destination.contract.DestinationContract;
import dev.ownstack.activation.destination.contract.DestinationProbe;
import dev.ownstack.destinations.file.StoredRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The SFTP destination, against an in-process MINA SSHD server, passes the destination contract (password login). */
class SftpDestinationIT extends DestinationContract {
    @TempDir
    Path root;
    @TempDir
    Path spool;
    SftpServerFake server;
    KeyPair clientKey;

    @BeforeEach
    void startServer() throws Exception {
        Files.createDirectories(root.resolve("exports"));
        clientKey = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        server = new SftpServerFake(root, clientKey.getPublic());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Override
    protected DestinationFactory factory() {
        return new SftpDestinationFactory();
    }

    @Override
    protected Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("host", "127.0.0.1");
        settings.put("port", server.port());
        settings.put("username", SftpServerFake.USER);
        settings.put("password", SftpServerFake.PASSWORD);
        settings.put("host-key-fingerprint", server.fingerprint());
        settings.put("path", "/exports");
        settings.put("spool-folder", spool.toString());
        return settings;
    }

    @Override
    protected Map<String, Object> unreachableSettings() {
        Map<String, Object> settings = settings();
        settings.put("password", "wrong");
        return settings;
    }

    @Override
    protected DestinationProbe probe() {
        return () -> StoredRuns.records(StoredRuns.folder(root.resolve("exports")), SYNC);
    }

    @Override
    protected boolean publishesOnFinish() {
        return true;
    }
}
