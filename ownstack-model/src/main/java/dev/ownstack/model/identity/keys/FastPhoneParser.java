package dev.ownstack.model.identity.keys;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * libphonenumber's parse and validity check, for the common shapes of a phone number only,
 * without its regular expressions over the raw text: ASCII digits with spaces, hyphens, dots and
 * parentheses, and at most one leading {@code +}. It follows libphonenumber's steps on the digits
 * (international prefix or {@code +} and country calling code, the default region's calling code
 * written without {@code +}, the national prefix, the length test) with libphonenumber's own
 * metadata, and checks validity with the metadata's patterns compiled once. Anything else,
 * and every case where a step of libphonenumber would need more than that (a national prefix
 * given as a pattern or with a transform rule, an international prefix given as a pattern, a
 * non-geographic calling code, too few or too many digits), is left undecided, and
 * {@link PhoneKey} asks libphonenumber. {@code FastPhoneParserTest} proves the two agree.
 * Immutable and safe to share between threads.
 */
final class FastPhoneParser {
    private static final PhoneNumberUtil PHONE_NUMBERS = PhoneNumberUtil.getInstance();
    private static final MetadataSource METADATA = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
    /** Per calling code, the rules of its regions in libphonenumber's order (the main region first). */
    private static final Map<Integer, List<PhoneRegionRules>> RULES = new ConcurrentHashMap<>();
    private static final int MAX_CHARACTERS = 64;
    private static final int MIN_DIGITS = 4;
    private static final int MAX_DIGITS = 20;
    private static final int MIN_NATIONAL_NUMBER = 2;
    private static final int MAX_NATIONAL_NUMBER = 17;
    private static final int MAX_COUNTRY_CODE_LENGTH = 3;

    private final PhoneRegionRules defaults;
    private final String defaultCountryCode;

    FastPhoneParser(String defaultRegion) {
        this.defaults = new PhoneRegionRules(METADATA.getMetadataForRegion(defaultRegion));
        this.defaultCountryCode = Integer.toString(defaults.countryCode());
    }

    /** What the fast path decided: a valid number, or no key (an invalid number). */
    record Decision(Optional<PhoneKey.Parsed> key) {
        Decision {
            Objects.requireNonNull(key, "key");
        }
    }

    /** libphonenumber's answer for {@code raw}, or empty when this fast path leaves it to libphonenumber. */
    Optional<Decision> decide(String raw) {
        if (raw.length() > MAX_CHARACTERS) {
            return Optional.empty();
        }
        StringBuilder digits = new StringBuilder(MAX_DIGITS);
        boolean plus = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c == '+') {
                // a + after a digit, or a second +, is for libphonenumber to judge
                if (plus || digits.length() > 0) {
                    return Optional.empty();
                }
                plus = true;
            } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
                return Optional.empty();
            }
        }
        if (digits.length() < MIN_DIGITS || digits.length() > MAX_DIGITS) {
            return Optional.empty();
        }
        String number = digits.toString();
        if (plus) {
            return international(number);
        }
        Optional<String> idd = defaults.plainInternationalPrefix();
        if (idd.isEmpty()) {
            return Optional.empty();
        }
        int afterIdd = idd.get().length();
        if (number.startsWith(idd.get())) {
            if (number.length() == afterIdd) {
                return Optional.empty();
            }
            // libphonenumber reads a 0 after the prefix as part of a national number, not as a calling code
            if (number.charAt(afterIdd) != '0') {
                return international(number.substring(afterIdd));
            }
        }
        return national(number);
    }

    /** After a + or the international prefix: the calling code, then the national number. */
    private Optional<Decision> international(String number) {
        if (number.length() <= MIN_NATIONAL_NUMBER || number.charAt(0) == '0') {
            return Optional.empty();
        }
        for (int length = 1; length <= MAX_COUNTRY_CODE_LENGTH; length++) {
            int code = Integer.parseInt(number.substring(0, length));
            List<String> regions = PHONE_NUMBERS.getRegionCodesForCountryCode(code);
            if (!regions.isEmpty()) {
                List<PhoneRegionRules> rules = rules(code, regions);
                return rules.isEmpty() ? Optional.empty() : finish(code, rules, rules.get(0), number.substring(length));
            }
        }
        return Optional.empty();
    }

    /** No calling code written with + or a prefix: perhaps the default region's calling code without them. */
    private Optional<Decision> national(String number) {
        if (!defaults.nationalPrefixPlain()) {
            return Optional.empty();
        }
        List<PhoneRegionRules> rules = rules(defaults.countryCode(), PHONE_NUMBERS.getRegionCodesForCountryCode(defaults.countryCode()));
        if (rules.isEmpty()) {
            return Optional.empty();
        }
        if (number.startsWith(defaultCountryCode)) {
            String potential = defaults.stripNationalPrefix(number.substring(defaultCountryCode.length()));
            if (!defaults.matchesGeneralPattern(number) && defaults.matchesGeneralPattern(potential)
                    || defaults.testLength(number.length()) == PhoneRegionRules.Length.TOO_LONG) {
                // read as the calling code: the rest follows the calling code's main region, as after a +
                return finish(defaults.countryCode(), rules, rules.get(0), potential);
            }
        }
        return finish(defaults.countryCode(), rules, defaults, number);
    }

    /**
     * The national prefix and the national number's length by {@code parsing}'s rules (the default
     * region's when no calling code was written, else the calling code's main region's), then validity.
     */
    private Optional<Decision> finish(int countryCode, List<PhoneRegionRules> rules, PhoneRegionRules parsing, String national) {
        if (national.length() < MIN_NATIONAL_NUMBER || !parsing.nationalPrefixPlain()) {
            return Optional.empty();
        }
        String potential = parsing.stripNationalPrefix(national);
        PhoneRegionRules.Length length = parsing.testLength(potential.length());
        String significant = length == PhoneRegionRules.Length.TOO_SHORT || length == PhoneRegionRules.Length.LOCAL_ONLY
                || length == PhoneRegionRules.Length.INVALID ? national : potential;
        if (significant.length() < MIN_NATIONAL_NUMBER || significant.length() > MAX_NATIONAL_NUMBER) {
            return Optional.empty();
        }
        boolean valid = isValid(rules, significant);
        return Optional.of(new Decision(valid ? Optional.of(new PhoneKey.Parsed("+" + countryCode + significant, significant))
                : Optional.empty()));
    }

    /** libphonenumber's isValidNumber: the first region whose leading digits or number types claim the number decides. */
    private static boolean isValid(List<PhoneRegionRules> rules, String significant) {
        if (rules.size() == 1) {
            return rules.get(0).isValid(significant);
        }
        for (PhoneRegionRules region : rules) {
            if (region.leadingDigits().isPresent()) {
                if (region.leadingDigits().get().matcher(significant).lookingAt()) {
                    return region.isValid(significant);
                }
            } else if (region.isValid(significant)) {
                return true;
            }
        }
        return false;
    }

    /** The rules of a calling code's regions, or none for a non-geographic calling code (left to libphonenumber). */
    private static List<PhoneRegionRules> rules(int code, List<String> regions) {
        return RULES.computeIfAbsent(code, missing -> regions.contains(PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY) ? List.of()
                : regions.stream().map(region -> new PhoneRegionRules(METADATA.getMetadataForRegion(region))).toList());
    }
}
