package dev.ownstack.destinations.pii;

import java.util.Locale;

/** Meta's GEN: "m" or "f" (https://developers.facebook.com/docs/marketing-api/audiences/guides/custom-audiences). */
final class GenderNormaliser {
    private GenderNormaliser() {
    }

    static PiiResult normalise(String raw) {
        switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "m":
            case "male":
                return PiiResult.ok("m");
            case "f":
            case "female":
                return PiiResult.ok("f");
            default:
                return PiiResult.invalid("gender '" + Mask.text(raw.trim()) + "' is not m, f, male or female");
        }
    }
}
