package dev.ownstack.server.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ownstack.core.config.SourceConfig;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WriteKeysTest {
    private final WriteKeys keys = new WriteKeys(List.of(
            new SourceConfig.Events("web", List.of("web-key-1", "web-key-2"), List.of("*")),
            new SourceConfig.Events("app", List.of("app-key"), List.of())));

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void maps_each_key_to_its_source() {
        assertEquals("web", keys.source("web-key-2").name());
        assertEquals("app", keys.source("app-key").name());
    }

    @Test
    void reads_the_user_of_basic_auth() {
        assertEquals(Optional.of("web-key-1"), WriteKeys.fromBasicAuth(basic("web-key-1:")));
        assertEquals(Optional.of("web-key-1"), WriteKeys.fromBasicAuth(basic("web-key-1:ignored")));
        assertEquals(Optional.of("web-key-1"), WriteKeys.fromBasicAuth(basic("web-key-1")));
        assertEquals(Optional.empty(), WriteKeys.fromBasicAuth(basic(":")));
        assertEquals(Optional.empty(), WriteKeys.fromBasicAuth("Bearer abc"));
        assertEquals(Optional.empty(), WriteKeys.fromBasicAuth(null));
        assertEquals(ErrorCode.UNAUTHORIZED, assertThrows(OwnstackException.class, () -> WriteKeys.fromBasicAuth("Basic %%%")).code());
    }

    @Test
    void shows_at_most_four_characters_of_an_unknown_key() {
        OwnstackException error = assertThrows(OwnstackException.class, () -> keys.source("secretive-key-value"));
        assertEquals(ErrorCode.UNAUTHORIZED, error.code());
        assertEquals("unknown write key 'secr...'", error.getMessage());
        OwnstackException shortKey = assertThrows(OwnstackException.class, () -> keys.source("abc"));
        assertFalse(shortKey.getMessage().contains("abc"), shortKey.getMessage());
    }
}
