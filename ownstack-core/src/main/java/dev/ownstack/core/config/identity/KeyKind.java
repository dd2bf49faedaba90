package dev.ownstack.core.config.identity;

/**
 * The kinds of value a match key is made of; each has one normaliser in the model module. In
 * {@code ownstack.yml} they are written in lower case with dashes: {@code email-canonical}.
 */
public enum KeyKind {
    /** Trimmed, lower-cased email address. */
    EMAIL,
    /** {@link #EMAIL} with provider rules applied (Gmail dots, {@code +tag}); a separate key so rules can choose. */
    EMAIL_CANONICAL,
    /** Phone number in E.164, parsed with the identity section's default region. */
    PHONE,
    /** An id minted by the business (an account or customer id); trimmed, case kept. */
    USER_ID,
    /** A device or browser id such as Segment's {@code anonymousId}; trimmed, case kept. */
    ANONYMOUS_ID,
    /** Lower-cased name without accents or punctuation; for composite keys such as name + postcode. */
    NAME,
    /** A given name normalised like {@link #NAME}, with common nicknames and spellings in one form (Bob, Rob: robert). */
    FIRST_NAME,
    POSTCODE,
    /** A date of birth or other date, as {@code yyyy-MM-dd}. */
    DATE;

    /** The name used in {@code ownstack.yml}: {@code email-canonical}. */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
