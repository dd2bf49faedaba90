package dev.ownstack.ingest.events;

import java.util.Locale;
import java.util.Optional;

/**
 * The Segment tracking API's endpoints: {@code /v1/<name>} with the long names, the short forms
 * analytics.js and the mobile SDKs use ({@code /v1/t}, {@code /v1/b}, ...) and {@code import},
 * which analytics-java posts batches to.
 */
public enum Endpoint {
    TRACK("track", "t"),
    IDENTIFY("identify", "i"),
    PAGE("page", "p"),
    SCREEN("screen", "s"),
    GROUP("group", "g"),
    ALIAS("alias", "a"),
    BATCH("batch", "b");

    private final String longName;
    private final String shortName;

    Endpoint(String longName, String shortName) {
        this.longName = longName;
        this.shortName = shortName;
    }

    /** The Segment {@code type} of the single event this endpoint takes; empty for batches. */
    public Optional<String> eventType() {
        return this == BATCH ? Optional.empty() : Optional.of(longName);
    }

    public String longName() {
        return longName;
    }

    public String shortName() {
        return shortName;
    }

    /** The endpoint of a path segment after {@code /v1/}: long name, short name or {@code import}. */
    public static Optional<Endpoint> fromPathSegment(String segment) {
        String name = segment.toLowerCase(Locale.ROOT);
        if (name.equals("import")) {
            return Optional.of(BATCH);
        }
        for (Endpoint endpoint : values()) {
            if (endpoint.longName.equals(name) || endpoint.shortName.equals(name)) {
                return Optional.of(endpoint);
            }
        }
        return Optional.empty();
    }
}
