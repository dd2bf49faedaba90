package dev.ownstack.core.config.audiences;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A rule that says who belongs to an audience: a group of rules, a negation, or one condition on
 * a customer's traits, events, transactions or membership of another audience. Immutable; the
 * JSON shape is in docs/AUDIENCES.md and is read by {@link AudienceParser} and written by
 * {@link AudienceJson}. A {@link Visitor} walks the tree with one method per kind, so that code
 * handling rules stops compiling when a kind is added.
 */
public sealed interface AudienceRule
        permits AllOf, AnyOf, Not, TraitCondition, EventCondition, TransactionCondition, AudienceMembership {

    <R> R accept(Visitor<R> visitor);

    /** The names of the audiences this rule refers to directly, in the order they appear. */
    default Set<String> referencedAudiences() {
        Set<String> names = new LinkedHashSet<>();
        collectReferences(this, names);
        return names;
    }

    private static void collectReferences(AudienceRule rule, Set<String> names) {
        if (rule instanceof AllOf all) {
            all.rules().forEach(child -> collectReferences(child, names));
        } else if (rule instanceof AnyOf any) {
            any.rules().forEach(child -> collectReferences(child, names));
        } else if (rule instanceof Not not) {
            collectReferences(not.rule(), names);
        } else if (rule instanceof AudienceMembership membership) {
            names.add(membership.audience());
        }
    }

    /** One method per kind of rule. */
    interface Visitor<R> {
        R allOf(AllOf rule);

        R anyOf(AnyOf rule);

        R not(Not rule);

        R trait(TraitCondition rule);

        R event(EventCondition rule);

        R transactions(TransactionCondition rule);

        R audience(AudienceMembership rule);
    }
}
