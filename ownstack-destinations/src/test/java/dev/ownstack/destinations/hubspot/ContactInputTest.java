package dev.ownstack.destinations.hubspot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ownstack.activation.destination.SyncRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContactInputTest {
    @Test
    void writes_values_as_hubspot_reads_property_values() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("firstname", "Zoë");
        fields.put("visits", 12L);
        fields.put("score", 1.0E10);
        fields.put("ratio", 0.25);
        fields.put("amount", new BigDecimal("1E+3"));
        fields.put("subscribed", true);
        fields.put("last_seen", Instant.parse("2026-03-01T10:15:30Z"));
        fields.put("birthday", LocalDate.of(1990, 5, 17));
        fields.put("plan", null);

        Map<String, String> properties = ContactInput.properties(fields);

        assertEquals(Map.of("firstname", "Zoë", "visits", "12", "score", "10000000000", "ratio", "0.25", "amount", "1000",
                "subscribed", "true", "last_seen", "2026-03-01T10:15:30Z", "birthday", "1990-05-17", "plan", ""), properties);
    }

    @Test
    void reads_the_id_property_trimmed_and_treats_blank_as_missing() {
        assertEquals(Optional.of("ada@example.com"), ContactInput.idValue(new SyncRecord("c-1", Map.of("email", " ada@example.com ")), "email"));
        assertEquals(Optional.empty(), ContactInput.idValue(new SyncRecord("c-2", Map.of("email", "  ")), "email"));
        assertEquals(Optional.empty(), ContactInput.idValue(new SyncRecord("c-3", Map.of("firstname", "Ada")), "email"));
    }
}
