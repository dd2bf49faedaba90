package dev.ownstack.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.config.CollectorConfig;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OwnstackServerTest {
    private static final CollectorConfig COLLECTOR = CollectorConfig.defaults(Path.of("/tmp/unused"));

    @Test
    void closes_the_log_when_it_cannot_listen() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            RecordingEventLog log = new RecordingEventLog();
            ServerSettings settings = new ServerSettings(TestServer.config(taken.getLocalPort(), List.of(), List.of(), COLLECTOR), log,
                    Optional.empty(), Clock.systemUTC());
            OwnstackException error = assertThrows(OwnstackException.class, () -> OwnstackServer.start(settings));
            assertEquals(ErrorCode.IO_FAILED, error.code());
            assertTrue(error.getMessage().startsWith("cannot listen on 127.0.0.1:" + taken.getLocalPort()), error.getMessage());
            assertTrue(log.closed());
        }
    }

    @Test
    void closes_the_log_when_a_trusted_proxy_is_not_an_address() {
        RecordingEventLog log = new RecordingEventLog();
        ServerSettings settings = new ServerSettings(TestServer.config(0, List.of("proxy.internal"), List.of(), COLLECTOR), log,
                Optional.empty(), Clock.systemUTC());
        OwnstackException error = assertThrows(OwnstackException.class, () -> OwnstackServer.start(settings));
        assertEquals(ErrorCode.CONFIG_INVALID, error.code());
        assertTrue(log.closed());
    }
}
