package dev.ownstack.activation.audience.preview;

import java.util.Objects;

/**
 * How two audiences' members overlap.
 *
 * @param audience     the audience previewed
 * @param other        the audience compared with
 * @param audienceSize members of {@code audience}
 * @param otherSize    members of {@code other}
 * @param both         members of both
 */
public record Overlap(String audience, String other, long audienceSize, long otherSize, long both) {
    public Overlap {
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(other, "other");
        if (both < 0 || both > audienceSize || both > otherSize) {
            throw new IllegalArgumentException("the overlap " + both + " must lie between 0 and both sizes (" + audienceSize + ", " + otherSize + ")");
        }
    }

    /** Members of {@code audience} only. */
    public long audienceOnly() {
        return audienceSize - both;
    }

    /** Members of {@code other} only. */
    public long otherOnly() {
        return otherSize - both;
    }
}
