package dev.ownstack.destinations.pii;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** ISO 3166-1 countries as the JDK knows them, found by alpha-2 code, alpha-3 code or English name. */
final class Countries {
    private static final Pattern NOT_A_LETTER = Pattern.compile("[^a-z]");
    private static final Map<String, String> ALPHA2 = new HashMap<>();

    static {
        for (String code : Locale.getISOCountries()) {
            Locale country = new Locale("", code);
            ALPHA2.put(code.toLowerCase(Locale.ROOT), code);
            ALPHA2.putIfAbsent(country.getISO3Country().toLowerCase(Locale.ROOT), code);
            ALPHA2.putIfAbsent(key(country.getDisplayCountry(Locale.ENGLISH)), code);
        }
        ALPHA2.putIfAbsent("usa", "US");
        ALPHA2.putIfAbsent("unitedstatesofamerica", "US");
        ALPHA2.putIfAbsent("uk", "GB");
        ALPHA2.putIfAbsent("greatbritain", "GB");
    }

    private Countries() {
    }

    /** The upper-case alpha-2 code of a country given by alpha-2 or alpha-3 code or English name, in any case. */
    static Optional<String> alpha2(String text) {
        return Optional.ofNullable(ALPHA2.get(key(text)));
    }

    private static String key(String text) {
        return NOT_A_LETTER.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("");
    }
}
