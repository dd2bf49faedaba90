package dev.ownstack.activation.audience;

import dev.ownstack.core.config.audiences.AllOf;
import dev.ownstack.core.config.audiences.AnyOf;
import dev.ownstack.core.config.audiences.AudienceDefinition;
import dev.ownstack.core.config.audiences.AudienceMembership;
import dev.ownstack.core.config.audiences.AudienceRule;
import dev.ownstack.core.config.audiences.EventCondition;
import dev.ownstack.core.config.audiences.Not;
import dev.ownstack.core.config.audiences.TraitCondition;
import dev.ownstack.core.config.audiences.TransactionCondition;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.warehouse.SqlDialect;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Compiles audience definitions into one SQL query per engine. Names in the rule (traits, events,
 * properties, transaction columns, other audiences) are checked against the {@link ModelCatalog}
 * and quoted by the dialect; values are bound parameters. Every problem is reported at once, with
 * its path inside the rule, as an {@code OwnstackException} with code INPUT_INVALID. A rule that
 * refers to another audience inlines that audience's condition (with its sampling and holdout);
 * audiences that refer to each other in a cycle are rejected, naming the cycle.
 *
 * <p>Times in rules ("within the last 30 days") count back from {@code asOf}, which is bound as a
 * value, so the same compiled query gives the same members whenever it runs. Stateless apart
 * from its inputs; thread-safe.
 */
public final class AudienceCompiler {
    private static final int BUCKETS = 100;

    private final ModelCatalog catalog;
    private final SqlDialect dialect;
    private final Function<String, Optional<AudienceDefinition>> audiences;
    private final TimeBounds time;

    /**
     * @param catalog   what the warehouse has
     * @param dialect   the engine to compile for
     * @param audiences the other audiences, by name, for rules that refer to them
     * @param asOf      the moment windows count back from (usually now; {@code models.as-of} for fixed data)
     */
    public AudienceCompiler(ModelCatalog catalog, SqlDialect dialect, Function<String, Optional<AudienceDefinition>> audiences, Instant asOf) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.audiences = Objects.requireNonNull(audiences, "audiences");
        this.time = new TimeBounds(Objects.requireNonNull(asOf, "asOf"));
    }

    /** The members: the customers the rule selects, within the sample, outside the holdout. */
    public CompiledAudience compile(AudienceDefinition definition) {
        return compile(definition, false);
    }

    /** The holdout (control) group: the customers the rule selects within the sample that the holdout keeps out. */
    public CompiledAudience compileHoldout(AudienceDefinition definition) {
        return compile(definition, true);
    }

    private CompiledAudience compile(AudienceDefinition definition, boolean holdout) {
        Problems problems = new Problems();
        Optional<Column> customerId = catalog.customerColumn("customer_id");
        if (customerId.isEmpty()) {
            problems.add("rule", "there is no model.customers table with a customer_id; build the models first (ownstack build)");
            problems.throwIfAny(definition.name());
        }
        List<String> chain = new ArrayList<>(List.of(definition.name()));
        List<Sql> joins = new ArrayList<>();
        Optional<Predicate> rule = new RuleCompiler(problems, chain, joins).compile(definition.rule(), "rule", true);
        problems.throwIfAny(definition.name());
        Predicate predicate = rule.orElseThrow();
        if (definition.samplePercent() < 100) {
            predicate = predicate.and(bucket("sample", definition.name(), " < ", definition.samplePercent()));
        }
        if (holdout || definition.holdoutPercent() > 0) {
            predicate = predicate.and(bucket("holdout", definition.name(), holdout ? " < " : " >= ", definition.holdoutPercent()));
        }
        Sql from = Sql.join("", joins).prepend(dialect.table(ModelCatalog.CUSTOMERS) + " AS c");
        Sql sql = from.wrap("SELECT c." + dialect.quote("customer_id") + " FROM ", " WHERE ").append(predicate.sql());
        boolean scores = joins.contains(Sql.of(CompiledAudience.scoresJoin(dialect)));
        return new CompiledAudience(definition.name(), dialect.name(), sql.text(), from.text(), predicate.sql().text(), sql.parameters(),
                scores);
    }

    /** The customer's bucket (0 to 99) for sampling or holding out, from a hash of the purpose, the audience and the customer id. */
    private Predicate bucket(String purpose, String audience, String comparison, int percent) {
        String salted = "CAST(? AS " + dialect.typeName(ColumnType.STRING) + ") || c." + dialect.quote("customer_id");
        return Predicate.of(Sql.of(dialect.hashBucket(salted, BUCKETS) + comparison + "?", purpose + ":" + audience + ":", percent), false);
    }

    /**
     * Walks one audience's rule. {@code chain} is the audiences being compiled, outermost first, to
     * find cycles; {@code joins} collects the LEFT JOINs of conditions under OR or NOT.
     */
    private final class RuleCompiler {
        private final Problems problems;
        private final List<String> chain;
        private final List<Sql> joins;

        RuleCompiler(Problems problems, List<String> chain, List<Sql> joins) {
            this.problems = problems;
            this.chain = chain;
            this.joins = joins;
        }

        /** {@code topLevel}: the rule is the whole rule or one of the conditions ANDed at its top. */
        Optional<Predicate> compile(AudienceRule rule, String path, boolean topLevel) {
            return rule.accept(new AudienceRule.Visitor<>() {
                @Override
                public Optional<Predicate> allOf(AllOf all) {
                    return group(all.rules(), path + ".all", " AND ", topLevel);
                }

                @Override
                public Optional<Predicate> anyOf(AnyOf any) {
                    return group(any.rules(), path + ".any", " OR ", false);
                }

                @Override
                public Optional<Predicate> not(Not not) {
                    return RuleCompiler.this.compile(not.rule(), path + ".not", false).map(Predicate::negate);
                }

                @Override
                public Optional<Predicate> trait(TraitCondition trait) {
                    return RuleCompiler.this.trait(trait, path);
                }

                @Override
                public Optional<Predicate> event(EventCondition event) {
                    return new EventSql(catalog, dialect, time, problems).compile(event, path).map(set -> customers(set, topLevel));
                }

                @Override
                public Optional<Predicate> transactions(TransactionCondition transactions) {
                    return new TransactionSql(catalog, dialect, time, problems).compile(transactions, path)
                            .map(set -> customers(set, topLevel));
                }

                @Override
                public Optional<Predicate> audience(AudienceMembership membership) {
                    return RuleCompiler.this.audience(membership.audience(), path, topLevel);
                }
            });
        }

        /** A semi-join at the top of the rule; elsewhere a LEFT JOIN of the customer ids and a test of the joined id. */
        private Predicate customers(CustomerSet set, boolean topLevel) {
            if (topLevel || set.isConstant()) {
                return set.semiJoin();
            }
            String alias = "m" + (joins.size() + 1);
            String id = dialect.quote("customer_id");
            joins.add(set.ids().wrap(" LEFT JOIN (", ") AS " + alias + " ON " + alias + "." + id + " = c." + id));
            return Predicate.of(Sql.of(alias + "." + id + (set.members() ? " IS NOT NULL" : " IS NULL")), false);
        }

        private Optional<Predicate> group(List<AudienceRule> rules, String path, String operator, boolean topLevel) {
            if (rules.isEmpty()) {
                return Optional.of(Predicate.TRUE);
            }
            List<Sql> parts = new ArrayList<>();
            boolean nullable = false;
            boolean ok = true;
            for (int i = 0; i < rules.size(); i++) {
                Optional<Predicate> part = compile(rules.get(i), path + "[" + i + "]", topLevel);
                ok &= part.isPresent();
                if (part.isPresent()) {
                    parts.add(part.get().sql());
                    nullable |= part.get().nullable();
                }
            }
            if (!ok) {
                return Optional.empty();
            }
            return Optional.of(Predicate.of(parts.size() == 1 ? parts.get(0) : Sql.join(operator, parts).wrap("(", ")"), nullable));
        }

        /**
         * A column of {@code model.customers}, else a score trait: a column of the LEFT JOINed
         * {@code model.customer_scores} (joined once per query), NULL for a customer without scores.
         */
        private Optional<Predicate> trait(TraitCondition trait, String path) {
            Optional<ModelCatalog.Trait> found = catalog.trait(trait.trait());
            if (found.isEmpty()) {
                problems.add(path + ".trait", unknownTrait(trait.trait()));
                return Optional.empty();
            }
            if (found.get().score()) {
                Sql join = Sql.of(CompiledAudience.scoresJoin(dialect));
                if (!joins.contains(join)) {
                    joins.add(join);
                }
            }
            String subject = "trait \"" + trait.trait() + "\"";
            ComparisonSql.Target target = new ComparisonSql.Target(found.get().expression(dialect), ValueKind.of(found.get().column().type()),
                    subject, false);
            return new ComparisonSql(dialect, time, problems).compile(target, trait.comparison(), path);
        }

        private String unknownTrait(String name) {
            String message = "unknown trait \"" + name + "\"; model.customers has "
                    + Names.list(catalog.customerColumns().stream().map(Column::name).toList());
            List<String> scores = catalog.visibleScoreTraits().stream().map(ScoreTrait::name).toList();
            return scores.isEmpty() ? message : message + "; model.customer_scores has " + Names.list(scores);
        }

        private Optional<Predicate> audience(String name, String path, boolean topLevel) {
            if (chain.contains(name)) {
                List<String> cycle = new ArrayList<>(chain.subList(chain.indexOf(name), chain.size()));
                cycle.add(name);
                problems.add(path + ".audience", "audiences refer to each other in a cycle: " + String.join(" -> ", cycle));
                return Optional.empty();
            }
            Optional<AudienceDefinition> other = audiences.apply(name);
            if (other.isEmpty()) {
                problems.add(path + ".audience", "unknown audience \"" + name + "\"");
                return Optional.empty();
            }
            Problems inner = new Problems();
            List<String> longer = new ArrayList<>(chain);
            longer.add(name);
            Optional<Predicate> rule = new RuleCompiler(inner, longer, joins).compile(other.get().rule(), "rule", topLevel);
            for (String problem : inner.list()) {
                problems.add(path + ".audience", problem.startsWith("rule") ? "in audience \"" + name + "\": " + problem : problem);
            }
            if (rule.isEmpty() || !inner.isEmpty()) {
                return Optional.empty();
            }
            Predicate predicate = rule.get();
            AudienceDefinition definition = other.get();
            if (definition.samplePercent() < 100) {
                predicate = predicate.and(bucket("sample", definition.name(), " < ", definition.samplePercent()));
            }
            if (definition.holdoutPercent() > 0) {
                predicate = predicate.and(bucket("holdout", definition.name(), " >= ", definition.holdoutPercent()));
            }
            return Optional.of(Predicate.of(predicate.sql().wrap("(", ")"), predicate.nullable()));
        }
    }
}
