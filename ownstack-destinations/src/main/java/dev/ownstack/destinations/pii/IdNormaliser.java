package dev.ownstack.destinations.pii;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Mobile advertising ids (Apple IDFA, Google advertising id): both are UUIDs. Meta wants them lower-case with the
 * hyphens kept and unhashed (MADID, https://developers.facebook.com/docs/marketing-api/audiences/guides/custom-audiences);
 * Google takes them as the device reports them, unhashed
 * (https://developers.google.com/google-ads/api/docs/remarketing/audience-segments/customer-match/get-started).
 */
final class IdNormaliser {
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private IdNormaliser() {
    }

    static PiiResult mobileAdvertiserId(PiiProfile profile, String raw) {
        String id = raw.trim();
        if (!UUID.matcher(id).matches()) {
            return PiiResult.invalid("mobile advertiser id '" + Mask.text(id) + "' (" + id.length()
                    + " characters) is not an IDFA or Android advertising id (8-4-4-4-12 hex digits)");
        }
        return PiiResult.ok(profile == PiiProfile.META ? id.toLowerCase(Locale.ROOT) : id);
    }
}
