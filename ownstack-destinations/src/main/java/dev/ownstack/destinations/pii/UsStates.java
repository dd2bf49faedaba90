package dev.ownstack.destinations.pii;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * US states, the District of Columbia and the territories with their two-letter ANSI (USPS) codes, keyed both by
 * code and by name written in lower-case letters only ("newyork"), as Meta wants the code for US states.
 */
final class UsStates {
    private static final String[][] STATES = {
        {"al", "alabama"}, {"ak", "alaska"}, {"az", "arizona"}, {"ar", "arkansas"}, {"ca", "california"},
        {"co", "colorado"}, {"ct", "connecticut"}, {"de", "delaware"}, {"fl", "florida"}, {"ga", "georgia"},
        {"hi", "hawaii"}, {"id", "idaho"}, {"il", "illinois"}, {"in", "indiana"}, {"ia", "iowa"},
        {"ks", "kansas"}, {"ky", "kentucky"}, {"la", "louisiana"}, {"me", "maine"}, {"md", "maryland"},
        {"ma", "massachusetts"}, {"mi", "michigan"}, {"mn", "minnesota"}, {"ms", "mississippi"},
        {"mo", "missouri"}, {"mt", "montana"}, {"ne", "nebraska"}, {"nv", "nevada"}, {"nh", "newhampshire"},
        {"nj", "newjersey"}, {"nm", "newmexico"}, {"ny", "newyork"}, {"nc", "northcarolina"},
        {"nd", "northdakota"}, {"oh", "ohio"}, {"ok", "oklahoma"}, {"or", "oregon"}, {"pa", "pennsylvania"},
        {"ri", "rhodeisland"}, {"sc", "southcarolina"}, {"sd", "southdakota"}, {"tn", "tennessee"},
        {"tx", "texas"}, {"ut", "utah"}, {"vt", "vermont"}, {"va", "virginia"}, {"wa", "washington"},
        {"wv", "westvirginia"}, {"wi", "wisconsin"}, {"wy", "wyoming"}, {"dc", "districtofcolumbia"},
        {"as", "americansamoa"}, {"gu", "guam"}, {"mp", "northernmarianaislands"}, {"pr", "puertorico"},
        {"vi", "usvirginislands"}, {"um", "usminoroutlyingislands"},
    };
    private static final Map<String, String> CODES = new HashMap<>();

    static {
        for (String[] state : STATES) {
            CODES.put(state[0], state[0]);
            CODES.put(state[1], state[0]);
        }
        CODES.put("washingtondc", "dc");
        CODES.put("virginislands", "vi");
    }

    private UsStates() {
    }

    /** The two-letter code for a code or name in lower-case letters only. */
    static Optional<String> code(String letters) {
        return Optional.ofNullable(CODES.get(letters));
    }
}
