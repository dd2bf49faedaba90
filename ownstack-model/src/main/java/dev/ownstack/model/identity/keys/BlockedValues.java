package dev.ownstack.model.identity.keys;

import dev.ownstack.core.config.identity.KeyKind;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Normalised key values that must never link records: placeholders such as {@code null} or
 * {@code test@test.com} would otherwise merge every record that carries them into one customer.
 * Values compare ignoring case and surrounding whitespace. A phone number is also blocked when its
 * national number is a blocked value or one digit repeated ({@code +15555555555}).
 *
 * @param everyKind values blocked for every key kind
 * @param byKind values blocked for one key kind only
 */
public record BlockedValues(Set<String> everyKind, Map<KeyKind, Set<String>> byKind) {
    /** Null-like placeholders and common test values. */
    public static final Set<String> DEFAULTS = Set.of(
            "", "null", "nil", "none", "n/a", "na", "unknown", "undefined", "anonymous", "-1",
            "test@test.com", "test@example.com", "0000000000", "1234567890");

    private static final PhoneNumberUtil PHONE_NUMBERS = PhoneNumberUtil.getInstance();

    public BlockedValues {
        Objects.requireNonNull(everyKind, "everyKind");
        Objects.requireNonNull(byKind, "byKind");
        everyKind = comparable(everyKind);
        Map<KeyKind, Set<String>> copy = new EnumMap<>(KeyKind.class);
        byKind.forEach((kind, values) -> copy.put(Objects.requireNonNull(kind, "byKind key"), comparable(values)));
        byKind = Map.copyOf(copy);
    }

    /** The {@link #DEFAULTS}, blocked for every kind. */
    public static BlockedValues defaults() {
        return new BlockedValues(DEFAULTS, Map.of());
    }

    /** These blocked values plus {@code extras} for {@code kind}, for example configured role addresses. */
    public BlockedValues withExtras(KeyKind kind, Collection<String> extras) {
        Objects.requireNonNull(kind, "kind");
        Map<KeyKind, Set<String>> merged = new EnumMap<>(KeyKind.class);
        merged.putAll(byKind);
        Set<String> values = new HashSet<>(merged.getOrDefault(kind, Set.of()));
        values.addAll(comparable(extras));
        merged.put(kind, values);
        return new BlockedValues(everyKind, merged);
    }

    /**
     * The values blocked for {@code kind}, stripped and lower-cased: a value of the kind is blocked
     * when its stripped, lower-cased form is one of them (phone numbers also by their national number).
     */
    public Set<String> of(KeyKind kind) {
        Objects.requireNonNull(kind, "kind");
        Set<String> values = new HashSet<>(everyKind);
        values.addAll(byKind.getOrDefault(kind, Set.of()));
        return Set.copyOf(values);
    }

    /** Whether {@code normalisedValue}, a key of {@code kind}, must not be used to link records. */
    public boolean isBlocked(KeyKind kind, String normalisedValue) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(normalisedValue, "normalisedValue");
        String value = comparable(normalisedValue);
        if (contains(kind, value)) {
            return true;
        }
        if (kind == KeyKind.PHONE) {
            return isBlockedNationalNumber(nationalNumber(value));
        }
        return false;
    }

    /**
     * {@link #isBlocked} for a phone number parsed by {@link PhoneKey#parse}, without parsing its
     * E.164 form again to find the national number: the two agree whenever parsing the E.164 form
     * of a valid number gives back its national number, which {@code BlockedValuesTest} checks on
     * every example number libphonenumber has, in every region and of every type.
     */
    public boolean isBlocked(PhoneKey.Parsed phone) {
        Objects.requireNonNull(phone, "phone");
        return contains(KeyKind.PHONE, comparable(phone.e164())) || isBlockedNationalNumber(phone.nationalNumber());
    }

    private boolean isBlockedNationalNumber(String national) {
        return contains(KeyKind.PHONE, national) || isOneDigitRepeated(national);
    }

    /** One ASCII digit, once or more: {@code (\d)\1*}. */
    private static boolean isOneDigitRepeated(String text) {
        if (text.isEmpty() || text.charAt(0) < '0' || text.charAt(0) > '9') {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            if (text.charAt(i) != text.charAt(0)) {
                return false;
            }
        }
        return true;
    }

    private boolean contains(KeyKind kind, String value) {
        return everyKind.contains(value) || byKind.getOrDefault(kind, Set.of()).contains(value);
    }

    /** The national significant number of an E.164 value, else the value's digits. */
    private static String nationalNumber(String phone) {
        try {
            return PHONE_NUMBERS.getNationalSignificantNumber(PHONE_NUMBERS.parse(phone, "ZZ"));
        } catch (NumberParseException notE164) {
            // Not E.164 (a caller passed a raw value): its digits are the closest thing to a national number.
            return phone.replaceAll("\\D", "");
        }
    }

    private static Set<String> comparable(Collection<String> values) {
        return values.stream()
                .map(value -> comparable(Objects.requireNonNull(value, "blocked value")))
                .collect(Collectors.toUnmodifiableSet());
    }

    private static String comparable(String value) {
        return value.strip().toLowerCase(Locale.ROOT);
    }
}
