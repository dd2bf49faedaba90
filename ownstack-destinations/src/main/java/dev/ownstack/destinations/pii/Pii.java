package dev.ownstack.destinations.pii;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Prepares customer data for an advertising vendor's matching: normalises each value the way that vendor
 * documents, then hashes it with SHA-256 (lower-case hex) where the vendor wants it hashed. The rules per field and
 * profile are listed in docs/destinations/pii.md. Stateless and thread-safe.
 */
public final class Pii {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final HexFormat HEX = HexFormat.of();
    private static final Set<PiiField> GOOGLE_FIELDS = EnumSet.of(PiiField.EMAIL, PiiField.PHONE,
            PiiField.FIRST_NAME, PiiField.LAST_NAME, PiiField.COUNTRY, PiiField.POSTAL_CODE, PiiField.EXTERNAL_ID,
            PiiField.MOBILE_ADVERTISER_ID);
    private static final Set<PiiField> GOOGLE_HASHED = EnumSet.of(PiiField.EMAIL, PiiField.PHONE,
            PiiField.FIRST_NAME, PiiField.LAST_NAME);
    private static final Set<PiiField> META_PLAIN = EnumSet.of(PiiField.EXTERNAL_ID, PiiField.MOBILE_ADVERTISER_ID);

    private Pii() {
    }

    /**
     * The value to send for {@code raw} as {@code field} under {@code profile}'s rules: blank for null or blank
     * input, invalid with a masked explanation for input the vendor could not match, otherwise the normalised
     * value, hashed where the profile hashes that field. A hashed field given 64 hex characters is taken as already
     * hashed and passed through lower-cased, never hashed twice.
     *
     * @param raw text, a number (phone, birth year/month/day), or a {@link java.time.LocalDate} (dates of birth)
     * @throws OwnstackException ARGUMENT_INVALID when the profile has no such field (see {@link #supports})
     */
    public static PiiResult prepare(PiiProfile profile, PiiField field, Object raw, PiiContext context) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(context, "context");
        if (!supports(profile, field)) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID,
                    profile + " does not match people on " + field.label() + "; it takes " + fields(profile));
        }
        String text = raw == null ? "" : text(raw).trim();
        if (text.isEmpty()) {
            return PiiResult.blank();
        }
        boolean hashed = hashes(profile, field);
        if (hashed && isSha256Hex(text)) {
            return PiiResult.ok(text.toLowerCase(Locale.ROOT));
        }
        PiiResult normalised = normalise(profile, field, raw, context);
        return hashed ? normalised.map(Pii::sha256Hex) : normalised;
    }

    /** Whether the vendor of {@code profile} matches people on {@code field}. */
    public static boolean supports(PiiProfile profile, PiiField field) {
        return profile == PiiProfile.META || GOOGLE_FIELDS.contains(field);
    }

    /** Whether {@code profile} sends {@code field} hashed (otherwise it is sent normalised, in plain text). */
    public static boolean hashes(PiiProfile profile, PiiField field) {
        return profile == PiiProfile.META ? !META_PLAIN.contains(field) : GOOGLE_HASHED.contains(field);
    }

    /** The SHA-256 of the text's UTF-8 bytes as 64 lower-case hex digits. */
    public static String sha256Hex(String normalised) {
        Objects.requireNonNull(normalised, "normalised");
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HEX.formatHex(digest.digest(normalised.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException absent) {
            throw new IllegalStateException("every Java runtime has SHA-256", absent);
        }
    }

    /** Whether the text is exactly 64 hex digits, in either case (a SHA-256 already computed). */
    public static boolean isSha256Hex(String text) {
        return text != null && SHA256_HEX.matcher(text).matches();
    }

    private static PiiResult normalise(PiiProfile profile, PiiField field, Object raw, PiiContext context) {
        switch (field) {
            case EMAIL:
                return EmailNormaliser.normalise(profile, text(raw));
            case PHONE:
                return PhoneNormaliser.normalise(profile, text(raw), context);
            case FIRST_NAME:
                return NameNormaliser.firstName(profile, text(raw));
            case LAST_NAME:
                return NameNormaliser.lastName(profile, text(raw));
            case FIRST_INITIAL:
                return NameNormaliser.firstInitial(text(raw));
            case CITY:
                return AddressNormaliser.city(text(raw));
            case STATE:
                return AddressNormaliser.state(text(raw), context);
            case POSTAL_CODE:
                return AddressNormaliser.postalCode(profile, text(raw), context);
            case COUNTRY:
                return AddressNormaliser.country(profile, text(raw));
            case DATE_OF_BIRTH:
            case BIRTH_YEAR:
            case BIRTH_MONTH:
            case BIRTH_DAY:
                return BirthDateNormaliser.normalise(field, raw);
            case GENDER:
                return GenderNormaliser.normalise(text(raw));
            case EXTERNAL_ID:
                return PiiResult.ok(text(raw).trim());
            case MOBILE_ADVERTISER_ID:
                return IdNormaliser.mobileAdvertiserId(profile, text(raw));
            default:
                throw new IllegalStateException("no rule for " + field);
        }
    }

    /** Text of a value from a warehouse row: numbers without exponent or trailing ".0". */
    static String text(Object raw) {
        if (raw instanceof BigDecimal) {
            return plain((BigDecimal) raw);
        }
        if (raw instanceof Double || raw instanceof Float) {
            return plain(BigDecimal.valueOf(((Number) raw).doubleValue()));
        }
        return raw.toString();
    }

    private static String plain(BigDecimal number) {
        BigDecimal stripped = number.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    private static String fields(PiiProfile profile) {
        StringBuilder names = new StringBuilder();
        for (PiiField field : PiiField.values()) {
            if (supports(profile, field)) {
                names.append(names.length() == 0 ? "" : ", ").append(field.label());
            }
        }
        return names.toString();
    }
}
