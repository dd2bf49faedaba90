package dev.ownstack.model.identity.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The fast path gives exactly libphonenumber's answer: on every region's example number of every
 * type, written nationally and internationally with several separators, and on invalid
 * variants of them (a digit changed, dropped or added), read in the number's own region and in
 * regions that share or do not share its calling code.
 */
class FastPhoneParserTest {
    private static final PhoneNumberUtil PHONE_NUMBERS = PhoneNumberUtil.getInstance();
    /** Default regions every example is also read in: shared calling codes (GB/GG, US/CA, RU/KZ), plain and patterned prefixes. */
    private static final List<String> OTHER_REGIONS = List.of("GB", "GG", "US", "DE", "AU", "RU", "AR");
    private static final Map<String, PhoneKey> KEYS = new ConcurrentHashMap<>();

    @Test
    void agrees_with_libphonenumber_on_every_regions_example_numbers_and_their_invalid_variants() {
        int compared = 0;
        int decided = 0;
        List<String> mismatches = new ArrayList<>();
        for (String region : new TreeSet<>(PHONE_NUMBERS.getSupportedRegions())) {
            for (PhoneNumberType type : PhoneNumberType.values()) {
                PhoneNumber example = PHONE_NUMBERS.getExampleNumberForType(region, type);
                if (example == null) {
                    continue;
                }
                Set<String> defaults = new LinkedHashSet<>(OTHER_REGIONS);
                defaults.add(region);
                for (String written : spellings(example)) {
                    for (String defaultRegion : defaults) {
                        compared++;
                        decided += compare(defaultRegion, written, mismatches);
                    }
                }
            }
        }
        assertEquals(List.of(), mismatches.subList(0, Math.min(20, mismatches.size())), mismatches.size() + " mismatches");
        // the fast path must actually decide most of these, or it saves nothing
        assertTrue(decided > compared / 2, decided + " of " + compared + " decided by the fast path");
    }

    @Test
    void agrees_with_libphonenumber_on_random_digit_strings_in_common_shapes() {
        SplittableRandom random = new SplittableRandom(42);
        List<String> mismatches = new ArrayList<>();
        String[] starts = {"", "0", "00", "+", "+44", "0044", "44", "+1", "1", "011", "+49", "0049", "+7", "8", "+0", "+00", "(0", "+440"};
        for (int i = 0; i < 40_000; i++) {
            StringBuilder number = new StringBuilder(starts[random.nextInt(starts.length)]);
            int digits = 1 + random.nextInt(14);
            for (int d = 0; d < digits; d++) {
                if (random.nextInt(5) == 0) {
                    number.append(" -.()".charAt(random.nextInt(5)));
                }
                number.append((char) ('0' + random.nextInt(10)));
            }
            compare(OTHER_REGIONS.get(random.nextInt(OTHER_REGIONS.size())), number.toString(), mismatches);
        }
        assertEquals(List.of(), mismatches.subList(0, Math.min(20, mismatches.size())), mismatches.size() + " mismatches");
    }

    @Test
    void agrees_with_libphonenumber_on_shapes_it_leaves_to_libphonenumber() {
        List<String> mismatches = new ArrayList<>();
        for (String raw : List.of("+44 20 7946 0018 ext. 12", "020 7946 0018#", "tel:+44-20-7946-0018", "0800 FLOWERS", "+44 (0) 20 7946 0018",
                "44+2079460018", "++44 20 7946 0018", "+800 1234 5678", "+0044 20 7946 0018", "020\t7946\t0018", "٠٢٠ ٧٩٤٦ ٠٠١٨",
                "12", "00", "+4", "0000000000", "+999 123 456 789", "020/7946/0018", "  +44 20 7946 0018  ")) {
            for (String region : OTHER_REGIONS) {
                compare(region, raw, mismatches);
            }
        }
        assertEquals(List.of(), mismatches);
    }

    @Test
    void decides_the_common_shapes_itself() {
        FastPhoneParser fast = new FastPhoneParser("GB");
        for (String raw : List.of("020 7946 0018", "+44 20 7946 0018", "(020) 7946-0018", "0044 20 7946 0018", "+442079460018", "02079460018",
                "07700 900123", "0000000000")) {
            assertTrue(fast.decide(raw).isPresent(), raw + " left to libphonenumber");
        }
        assertEquals("+442079460018", fast.decide("(020) 7946-0018").orElseThrow().key().orElseThrow().e164());
        assertTrue(fast.decide("0000000000").orElseThrow().key().isEmpty(), "an invalid number gives no key");
    }

    /** 1 when the fast path decided {@code raw}, else 0; a differing answer is added to {@code mismatches}. */
    private static int compare(String defaultRegion, String raw, List<String> mismatches) {
        PhoneKey key = KEYS.computeIfAbsent(defaultRegion, PhoneKey::new);
        Object fast = key.parse(raw);
        Object slow = key.parseWithLibphonenumber(raw);
        if (!fast.equals(slow)) {
            mismatches.add(defaultRegion + " '" + raw + "': fast " + fast + ", libphonenumber " + slow);
        }
        return new FastPhoneParser(defaultRegion).decide(raw).isPresent() ? 1 : 0;
    }

    /** The example written in several ways, plus invalid variants of its national significant number. */
    private static List<String> spellings(PhoneNumber example) {
        Set<String> spellings = new LinkedHashSet<>();
        String national = PHONE_NUMBERS.format(example, PhoneNumberFormat.NATIONAL);
        String international = PHONE_NUMBERS.format(example, PhoneNumberFormat.INTERNATIONAL);
        String significant = PHONE_NUMBERS.getNationalSignificantNumber(example);
        String code = Integer.toString(example.getCountryCode());
        spellings.add(national);
        spellings.add(international);
        spellings.add(PHONE_NUMBERS.format(example, PhoneNumberFormat.E164));
        spellings.add(national.replace(' ', '-'));
        spellings.add(national.replaceAll("[^0-9]", ""));
        spellings.add("(" + national.replace(" ", ") ").replaceFirst("\\) ", "|").replace(") ", " ").replace('|', ')') + "");
        spellings.add(international.replace(' ', '.'));
        spellings.add("00" + code + " " + significant);
        spellings.add(code + significant);
        spellings.add(significant);
        spellings.add("0" + significant);
        for (String variant : List.of(changeLast(significant), significant.substring(0, significant.length() - 1), significant + "5")) {
            spellings.add(variant);
            spellings.add("0" + variant);
            spellings.add("+" + code + " " + variant);
        }
        return new ArrayList<>(spellings);
    }

    private static String changeLast(String digits) {
        char last = digits.charAt(digits.length() - 1);
        return digits.substring(0, digits.length() - 1) + (char) (last == '9' ? '0' : last + 1);
    }
}
