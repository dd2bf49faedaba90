package dev.ownstack.ingest.singer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Hides the values of a tap's configuration in text that ownstack shows (the tap's stderr, its
 * output lines in errors). Every text value of four characters or more is treated as a secret: a
 * tap configuration does not say which of its keys are credentials.
 */
final class SecretMask implements UnaryOperator<String> {
    private static final int SHORTEST = 4;
    private final List<String> values;

    SecretMask(Optional<JsonNode> config) {
        List<String> found = new ArrayList<>();
        config.ifPresent(node -> collect(node, found));
        found.sort(Comparator.comparingInt(String::length).reversed());
        this.values = List.copyOf(found);
    }

    private static void collect(JsonNode node, List<String> found) {
        if (node.isTextual() && node.asText().length() >= SHORTEST) {
            found.add(node.asText());
        } else if (node.isNumber() && node.asText().length() >= SHORTEST + 2) {
            found.add(node.asText());
        }
        node.forEach(child -> collect(child, found));
    }

    @Override
    public String apply(String text) {
        String masked = text;
        for (String value : values) {
            masked = masked.replace(value, "****");
        }
        return masked;
    }
}
