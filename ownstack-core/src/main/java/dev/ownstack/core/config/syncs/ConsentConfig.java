package dev.ownstack.core.config.syncs;

import dev.ownstack.core.table.Identifiers;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code consent:} section: for each kind of destination, the boolean column of
 * {@code model.customers} (a trait) that says who may be sent there. A sync to a destination of
 * a kind named here sends only customers whose column is true; the others (false or null) are
 * never sent, and leave the destination where the sync's mode removes records. A kind not named
 * here is sent without a consent check.
 *
 * @param traits kind ({@link #KINDS}) → column of {@code model.customers}
 */
public record ConsentConfig(Map<String, String> traits) {
    /** The kinds of destination consent is given for, as {@code ownstack.yml} names them. */
    public static final List<String> KINDS = List.of("advertising", "crm", "messaging", "data");
    public static final ConsentConfig NONE = new ConsentConfig(Map.of());

    public ConsentConfig {
        for (Map.Entry<String, String> entry : traits.entrySet()) {
            if (!KINDS.contains(entry.getKey())) {
                throw new IllegalArgumentException("consent." + entry.getKey() + ": not a kind of destination; kinds: " + String.join(", ", KINDS));
            }
            if (!Identifiers.isValid(entry.getValue())) {
                throw new IllegalArgumentException("consent." + entry.getKey() + ": '" + entry.getValue()
                        + "' is not a column name (letters, digits and _, starting with a letter)");
            }
        }
        traits = Collections.unmodifiableMap(new LinkedHashMap<>(traits));
    }

    /** The column that grants consent for destinations of this kind, if the project names one. */
    public Optional<String> trait(String kind) {
        return Optional.ofNullable(traits.get(kind));
    }
}
