package dev.ownstack.core.table;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Identifiers ownstack creates in a warehouse: letters, digits and underscores, not starting
 * with a digit, at most 63 characters (PostgreSQL's limit), so every engine accepts them quoted
 * or not.
 */
public final class Identifiers {
    private static final Pattern VALID = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Pattern INVALID_RUN = Pattern.compile("[^A-Za-z0-9_]+");

    private Identifiers() {
    }

    public static boolean isValid(String identifier) {
        return identifier != null && VALID.matcher(identifier).matches();
    }

    public static String requireValid(String identifier, String what) {
        if (!isValid(identifier)) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, what + " '" + identifier
                    + "' is not a valid identifier: use letters, digits and _, not starting with a digit, at most 63 characters");
        }
        return identifier;
    }

    /**
     * Turns a free-form header ("Customer ID", "unit-price") into an identifier
     * ("customer_id", "unit_price"); the result is always valid.
     */
    public static String sanitize(String raw) {
        String cleaned = INVALID_RUN.matcher(raw.trim()).replaceAll("_").replaceAll("^_+|_+$", "");
        cleaned = cleaned.toLowerCase(Locale.ROOT);
        if (cleaned.isEmpty()) {
            cleaned = "column";
        }
        if (Character.isDigit(cleaned.charAt(0))) {
            cleaned = "_" + cleaned;
        }
        return cleaned.length() > 63 ? cleaned.substring(0, 63) : cleaned;
    }
}
