package dev.ownstack.destinations.pii;

/** Masked forms of personal data for problems and logs: enough of the shape to find the row, never the value. */
final class Mask {
    private static final int SHOWN = 2;

    private Mask() {
    }

    /** The first two characters and an ellipsis ({@code "jo…"}); an ellipsis alone for text of two or fewer. */
    static String text(String text) {
        if (text.codePointCount(0, text.length()) <= SHOWN) {
            return "…";
        }
        return text.substring(0, text.offsetByCodePoints(0, SHOWN)) + "…";
    }

    /** Each part around the '@' signs masked: {@code "jo…@ex…"}, {@code "jo…@"}, {@code "…@ex…"}. */
    static String email(String email) {
        StringBuilder masked = new StringBuilder();
        String[] parts = email.split("@", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                masked.append('@');
            }
            if (!parts[i].isEmpty()) {
                masked.append(text(parts[i]));
            }
        }
        return masked.toString();
    }

    /** Digits hidden but the first two and their count kept: {@code "05… (9 digits)"}. */
    static String phone(String phone) {
        String digits = phone.replaceAll("\\D", "");
        return (phone.startsWith("+") ? "+" : "") + text(digits) + " (" + digits.length() + " digits)";
    }
}
