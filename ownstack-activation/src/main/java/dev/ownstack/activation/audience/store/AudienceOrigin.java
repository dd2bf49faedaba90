package dev.ownstack.activation.audience.store;

import java.util.Objects;
import java.util.Optional;

/**
 * Where an audience comes from, as stored in {@code ownstack.audiences.origin}: {@code ownstack.yml}
 * (read-only through the API), {@code api} (created through the API) or {@code recipe:NAME}
 * (created through the API from a recipe).
 */
public record AudienceOrigin(String text) {
    private static final String CONFIG_TEXT = "ownstack.yml";
    private static final String RECIPE = "recipe:";
    public static final AudienceOrigin CONFIG = new AudienceOrigin(CONFIG_TEXT);
    public static final AudienceOrigin API = new AudienceOrigin("api");

    public AudienceOrigin {
        Objects.requireNonNull(text, "text");
        if (!text.equals(CONFIG_TEXT) && !text.equals("api") && !(text.startsWith(RECIPE) && text.length() > RECIPE.length())) {
            throw new IllegalArgumentException("audience origin must be ownstack.yml, api or recipe:NAME, got '" + text + "'");
        }
    }

    public static AudienceOrigin recipe(String recipe) {
        return new AudienceOrigin(RECIPE + recipe);
    }

    public boolean isConfig() {
        return text.equals(CONFIG_TEXT);
    }

    /** The recipe the audience was made from, if any. */
    public Optional<String> recipe() {
        return text.startsWith(RECIPE) ? Optional.of(text.substring(RECIPE.length())) : Optional.empty();
    }

    @Override
    public String toString() {
        return text;
    }
}
