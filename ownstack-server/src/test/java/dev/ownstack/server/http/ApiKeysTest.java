package dev.ownstack.server.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ownstack.core.config.Secret;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
    private final ApiKeys keys = new ApiKeys(List.of(Secret.literal("first-api-key-0123456"), Secret.fromEnvironment("K", "second-api-key-98765")));

    @Test
    void accepts_any_configured_key_as_a_bearer_token() {
        assertDoesNotThrow(() -> keys.check("Bearer first-api-key-0123456"));
        assertDoesNotThrow(() -> keys.check("bearer second-api-key-98765"));
    }

    @Test
    void refuses_missing_wrong_and_partial_keys() {
        for (String header : new String[] {null, "", "Bearer ", "Basic Zmlyc3Q6", "Bearer first-api-key-012345", "Bearer first-api-key-01234567"}) {
            OwnstackException error = assertThrows(OwnstackException.class, () -> keys.check(header), String.valueOf(header));
            assertEquals(ErrorCode.UNAUTHORIZED, error.code());
        }
    }

    @Test
    void refuses_everything_when_no_key_is_configured() {
        OwnstackException error = assertThrows(OwnstackException.class, () -> new ApiKeys(List.of()).check("Bearer anything"));
        assertEquals("no API keys are configured under server.api-keys", error.getMessage());
    }
}
