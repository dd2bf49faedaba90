package dev.ownstack.activation.audience;

import dev.ownstack.activation.audience.ModelCatalog.JsonType;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Lists of names in messages: quoted, at most twenty. */
final class Names {
    private static final int MAX = 20;

    private Names() {
    }

    static String list(Collection<String> names) {
        if (names.isEmpty()) {
            return "none";
        }
        List<String> shown = names.stream().limit(MAX).map(name -> "\"" + name + "\"").toList();
        return String.join(", ", shown) + (names.size() > MAX ? " and " + (names.size() - MAX) + " more" : "");
    }

    static String types(Set<JsonType> types) {
        return types.stream().map(type -> switch (type) {
            case STRING -> "text";
            case NUMBER -> "numbers";
            case BOOLEAN -> "booleans";
            case OBJECT -> "objects";
            case ARRAY -> "lists";
            case NULL -> "nulls";
        }).collect(Collectors.joining(" and "));
    }
}
