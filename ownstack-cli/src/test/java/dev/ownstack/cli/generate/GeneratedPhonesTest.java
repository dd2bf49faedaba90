package dev.ownstack.cli.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.model.identity.keys.PhoneKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generator's phone numbers get the same key from the phone key's fast path as from libphonenumber alone. */
class GeneratedPhonesTest {

    @Test
    void generated_phones_get_libphonenumbers_keys() {
        PhoneKey key = new PhoneKey("GB");
        List<String> phones = GeneratedPhones.of(20_000, 42);
        List<String> mismatches = new ArrayList<>();
        int valid = 0;
        for (String phone : phones) {
            Object slow = key.parseWithLibphonenumber(phone);
            Object fast = key.parse(phone);
            if (!fast.equals(slow) && mismatches.size() < 20) {
                mismatches.add("'" + phone + "': fast " + fast + ", libphonenumber " + slow);
            }
            valid += key.parse(phone).isPresent() ? 1 : 0;
        }
        assertEquals(List.of(), mismatches);
        // most generated numbers are valid UK numbers, some are junk: both kinds were compared
        assertTrue(valid > phones.size() / 2 && valid < phones.size(), valid + " of " + phones.size() + " valid");
    }
}
