package dev.ownstack.destinations.pii;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What a value is prepared against besides itself.
 *
 * @param defaultCountry ISO 3166-1 alpha-2 code (any case; kept upper-case): the region of phone numbers written
 *                       without a country code, and the country whose rules apply to states and postal codes
 *                       (for example the two-letter state codes and five-digit ZIP codes of the US)
 */
public record PiiContext(String defaultCountry) {
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    public PiiContext {
        Objects.requireNonNull(defaultCountry, "defaultCountry");
        String code = defaultCountry.trim().toUpperCase(Locale.ROOT);
        if (!isCountryCode(code)) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID,
                    "default country '" + defaultCountry + "' is not an ISO 3166-1 alpha-2 code (such as US, GB, DE)");
        }
        defaultCountry = code;
    }

    public static PiiContext of(String defaultCountry) {
        return new PiiContext(defaultCountry);
    }

    /**
     * The context for one record whose own country is {@code recordCountry} (as mapped from the record: a code or
     * an English name, in any case), so that its phone, state and postal code are read by that country's rules;
     * this context when the record has no country or one that is not recognised (the COUNTRY field itself then
     * reports that problem).
     */
    public PiiContext forCountry(Object recordCountry) {
        if (recordCountry == null) {
            return this;
        }
        return Countries.alpha2(Pii.text(recordCountry))
                .filter(code -> !code.equals(defaultCountry))
                .map(PiiContext::new)
                .orElse(this);
    }

    /** Whether the text is an ISO 3166-1 alpha-2 country code, in any case; for connectors validating a setting. */
    public static boolean isCountryCode(String text) {
        return text != null && COUNTRIES.contains(text.trim().toUpperCase(Locale.ROOT));
    }

    boolean isUnitedStates() {
        return "US".equals(defaultCountry);
    }
}
