package dev.ownstack.model.identity.keys;

/** The kinds of match key identity resolution links records by; each has one normaliser in {@link Normalisers}. */
public enum KeyKind {
    /** Trimmed, lower-cased email address. */
    EMAIL,
    /** {@link #EMAIL} with provider rules applied (Gmail dots, {@code +tag}); a separate key so rules can choose. */
    EMAIL_CANONICAL,
    /** Phone number in E.164. */
    PHONE,
    USER_ID,
    ANONYMOUS_ID,
    /** Lower-cased name without accents or punctuation; for composite keys such as name + postcode. */
    NAME,
    POSTCODE
}
