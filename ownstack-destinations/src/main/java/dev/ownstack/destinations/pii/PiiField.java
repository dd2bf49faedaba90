package dev.ownstack.destinations.pii;

/**
 * A kind of customer data an advertising vendor matches people on. Not every profile takes every field:
 * {@link Pii#supports(PiiProfile, PiiField)} says which.
 */
public enum PiiField {
    EMAIL("email"),
    PHONE("phone"),
    FIRST_NAME("first name"),
    LAST_NAME("last name"),
    /** The first letter of the first name (Meta's FI). */
    FIRST_INITIAL("first initial"),
    CITY("city"),
    /** State, province or region. */
    STATE("state"),
    POSTAL_CODE("postal code"),
    /** ISO 3166-1 alpha-2 country code. */
    COUNTRY("country"),
    /** A whole date of birth: a {@link java.time.LocalDate} or ISO text {@code yyyy-MM-dd}. */
    DATE_OF_BIRTH("date of birth"),
    /** Year of birth (Meta's DOBY): a number, text, or a whole date of birth from which the year is taken. */
    BIRTH_YEAR("birth year"),
    /** Month of birth (Meta's DOBM): 1-12, or a whole date of birth. */
    BIRTH_MONTH("birth month"),
    /** Day of birth (Meta's DOBD): 1-31, or a whole date of birth. */
    BIRTH_DAY("birth day"),
    GENDER("gender"),
    /** The advertiser's own id for the person (Meta's EXTERN_ID, Google's third-party user id). */
    EXTERNAL_ID("external id"),
    /** A mobile advertising id: Apple IDFA or Google advertising id (Meta's MADID, Google's mobile id). */
    MOBILE_ADVERTISER_ID("mobile advertiser id");

    private final String label;

    PiiField(String label) {
        this.label = label;
    }

    /** The field's name in prose, for problems ("email 'jo…@' has no domain"). */
    public String label() {
        return label;
    }
}
