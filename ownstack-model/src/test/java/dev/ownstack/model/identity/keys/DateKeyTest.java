package dev.ownstack.model.identity.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DateKeyTest {

    @Test
    void reads_iso_compact_and_day_first_dates() {
        assertEquals(Optional.of("1956-09-09"), DateKey.normalise(" 1956-09-09 "));
        assertEquals(Optional.of("1956-09-09"), DateKey.normalise("1956-9-9T00:00:00Z"));
        assertEquals(Optional.of("1956-09-09"), DateKey.normalise("19560909"));
        assertEquals(Optional.of("1956-09-08"), DateKey.normalise("08/09/1956"));
        assertEquals(Optional.of("1956-09-08"), DateKey.normalise("8.9.1956"));
    }

    @Test
    void has_no_key_for_dates_that_do_not_exist_or_other_text() {
        assertEquals(Optional.empty(), DateKey.normalise("19561309"));
        assertEquals(Optional.empty(), DateKey.normalise("2023-02-30"));
        assertEquals(Optional.empty(), DateKey.normalise("yesterday"));
        assertEquals(Optional.empty(), DateKey.normalise(""));
    }
}
