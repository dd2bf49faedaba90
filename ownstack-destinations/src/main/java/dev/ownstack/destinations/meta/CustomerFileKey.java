package dev.ownstack.destinations.meta;

import dev.ownstack.destinations.pii.PiiField;
import java.util.Locale;
import java.util.Optional;

/**
 * The multi-key customer file's keys, in the order a batch's schema lists them
 * (https://developers.facebook.com/docs/marketing-api/reference/custom-audience/users/). A
 * record's field names are these keys in lower case.
 */
enum CustomerFileKey {
    EXTERN_ID(PiiField.EXTERNAL_ID),
    EMAIL(PiiField.EMAIL),
    PHONE(PiiField.PHONE),
    MADID(PiiField.MOBILE_ADVERTISER_ID),
    FN(PiiField.FIRST_NAME),
    LN(PiiField.LAST_NAME),
    FI(PiiField.FIRST_INITIAL),
    GEN(PiiField.GENDER),
    DOBY(PiiField.BIRTH_YEAR),
    DOBM(PiiField.BIRTH_MONTH),
    DOBD(PiiField.BIRTH_DAY),
    CT(PiiField.CITY),
    ST(PiiField.STATE),
    ZIP(PiiField.POSTAL_CODE),
    COUNTRY(PiiField.COUNTRY);

    private final PiiField piiField;

    CustomerFileKey(PiiField piiField) {
        this.piiField = piiField;
    }

    PiiField piiField() {
        return piiField;
    }

    /** The record field name: the key in lower case, such as {@code email} or {@code extern_id}. */
    String fieldName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this key alone can identify a person. */
    boolean identifies() {
        return this == EXTERN_ID || this == EMAIL || this == PHONE || this == MADID;
    }

    static Optional<CustomerFileKey> byFieldName(String fieldName) {
        for (CustomerFileKey key : values()) {
            if (key.fieldName().equals(fieldName)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }
}
