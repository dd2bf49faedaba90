package dev.ownstack.core.config.audiences;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named audience: its rule, and which of the customers the rule selects are members.
 *
 * @param name           letters, digits, {@code _} and {@code -}, starting with a letter, at most 63 characters
 * @param description    free text; may be empty
 * @param rule           who qualifies
 * @param holdoutPercent 0 to 99: this share of the qualifying customers is held out as a control
 *                       group and is not a member; the same customers every time (by customer id)
 * @param samplePercent  1 to 100: only this share of the qualifying customers are members; the
 *                       same customers every time (by customer id), independent of the holdout
 */
public record AudienceDefinition(String name, String description, AudienceRule rule, int holdoutPercent, int samplePercent) {
    public static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,62}");

    public AudienceDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(rule, "rule");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("audience name '" + name + "' must use letters, digits, _ and -, start with a letter"
                    + " and be at most 63 characters");
        }
        if (holdoutPercent < 0 || holdoutPercent > 99) {
            throw new IllegalArgumentException("holdout-percent must be from 0 to 99, got " + holdoutPercent);
        }
        if (samplePercent < 1 || samplePercent > 100) {
            throw new IllegalArgumentException("sample-percent must be from 1 to 100, got " + samplePercent);
        }
    }

    /** An audience of every customer the rule selects: no description, holdout or sampling. */
    public static AudienceDefinition of(String name, AudienceRule rule) {
        return new AudienceDefinition(name, "", rule, 0, 100);
    }

    public AudienceDefinition withRule(AudienceRule newRule) {
        return new AudienceDefinition(name, description, newRule, holdoutPercent, samplePercent);
    }
}
