package dev.ownstack.destinations.pii;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Email addresses: trimmed and lower-cased for both profiles (Meta: "Trim leading and trailing whitespace and
 * convert all characters to lowercase",
 * https://developers.facebook.com/docs/marketing-api/audiences/guides/custom-audiences ; Google:
 * https://developers.google.com/google-ads/api/docs/remarketing/audience-segments/customer-match/get-started#prepare_data ).
 * Google also drops the dots of the local part of gmail.com and googlemail.com addresses, as its own formatter does
 * (https://developers.google.com/data-manager/api/devguides/concepts/formatting); a "+tag" is kept, since it is part
 * of the address the person typed.
 */
final class EmailNormaliser {
    private static final Pattern WHITESPACE = Pattern.compile("\\s");

    private EmailNormaliser() {
    }

    static PiiResult normalise(PiiProfile profile, String raw) {
        String email = raw.trim();
        String masked = Mask.email(email);
        if (WHITESPACE.matcher(email).find()) {
            return PiiResult.invalid("email '" + masked + "' contains whitespace");
        }
        int at = email.indexOf('@');
        if (at < 0) {
            return PiiResult.invalid("email '" + masked + "' has no '@'");
        }
        if (email.indexOf('@', at + 1) >= 0) {
            return PiiResult.invalid("email '" + masked + "' has more than one '@'");
        }
        String local = email.substring(0, at).toLowerCase(Locale.ROOT);
        String domain = email.substring(at + 1).toLowerCase(Locale.ROOT);
        if (local.isEmpty()) {
            return PiiResult.invalid("email '" + masked + "' has nothing before the '@'");
        }
        if (domain.isEmpty()) {
            return PiiResult.invalid("email '" + masked + "' has no domain");
        }
        if (!domain.contains(".") || domain.startsWith(".") || domain.endsWith(".")) {
            return PiiResult.invalid("email '" + masked + "' has a domain without a dot inside it");
        }
        if (profile == PiiProfile.GOOGLE && (domain.equals("gmail.com") || domain.equals("googlemail.com"))) {
            local = local.replace(".", "");
            if (local.isEmpty()) {
                return PiiResult.invalid("email '" + masked + "' has only dots before the '@'");
            }
        }
        return PiiResult.ok(local + "@" + domain);
    }
}
