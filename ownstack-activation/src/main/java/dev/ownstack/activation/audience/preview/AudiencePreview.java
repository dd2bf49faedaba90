package dev.ownstack.activation.audience.preview;

import dev.ownstack.activation.audience.CompiledAudience;
import dev.ownstack.activation.audience.ModelCatalog;
import dev.ownstack.core.config.audiences.AllOf;
import dev.ownstack.core.config.audiences.AnyOf;
import dev.ownstack.core.config.audiences.AudienceMembership;
import dev.ownstack.core.config.audiences.AudienceRule;
import dev.ownstack.core.config.audiences.EventCondition;
import dev.ownstack.core.config.audiences.Not;
import dev.ownstack.core.config.audiences.TraitCondition;
import dev.ownstack.core.config.audiences.TransactionCondition;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Previews of a compiled audience, each one query in the warehouse over {@code model.customers}
 * with the audience's condition: its size, a sample of members, its overlap with another audience
 * and a breakdown by one trait. Samples and breakdowns take score traits too (columns of
 * {@code model.customer_scores}, LEFT JOINed). Nothing is written. Not thread-safe (one warehouse connection).
 */
public final class AudiencePreview {
    /** The most rows a sample may have. */
    public static final int MAX_SAMPLE = 1000;
    /** The most buckets a breakdown may have, besides "other" and "no value". */
    public static final int MAX_BUCKETS = 100;
    private static final int DEFAULT_COLUMNS = 8;
    private static final List<String> CONTACT_COLUMNS = List.of("email", "first_name", "last_name");

    private final Warehouse warehouse;
    private final ModelCatalog catalog;
    private final SqlDialect dialect;

    public AudiencePreview(Warehouse warehouse, ModelCatalog catalog) {
        this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.dialect = warehouse.dialect();
    }

    /** The members and all customers, in one query. */
    public AudienceSize size(CompiledAudience audience) {
        String customers = dialect.table(ModelCatalog.CUSTOMERS);
        Object[] row = warehouse.queryAll("SELECT count(*), (SELECT count(*) FROM " + customers + ") FROM " + audience.from() + " WHERE "
                + audience.predicate(), audience.parameters().toArray()).rows().get(0);
        return new AudienceSize(number(row[0]), number(row[1]));
    }

    /**
     * The first {@code limit} members by customer id, with these traits: columns of
     * {@code model.customers} or score traits, NULL for a member without scores (INPUT_INVALID at
     * {@code sample.columns[i]} for a trait there is not, at {@code sample.limit} for a limit
     * outside 1 to {@value #MAX_SAMPLE}).
     */
    public Sample sample(CompiledAudience audience, List<String> columns, int limit) {
        if (limit < 1 || limit > MAX_SAMPLE) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, "sample.limit: must be from 1 to " + MAX_SAMPLE + ", got " + limit);
        }
        if (columns.isEmpty()) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, "sample.columns: name at least one column of model.customers");
        }
        List<ModelCatalog.Trait> chosen = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            chosen.add(trait(columns.get(i), "sample.columns[" + i + "]"));
        }
        String alias = CompiledAudience.CUSTOMERS_ALIAS + ".";
        String select = chosen.stream().map(trait -> trait.expression(dialect)).collect(Collectors.joining(", "));
        String from = chosen.stream().anyMatch(ModelCatalog.Trait::score) ? audience.fromWithScores(dialect) : audience.from();
        String sql = "SELECT " + select + " FROM " + from + " WHERE " + audience.predicate() + " ORDER BY " + alias + dialect.quote("customer_id") + " LIMIT " + limit;
        List<List<Object>> rows = new ArrayList<>();
        for (Object[] row : warehouse.queryAll(sql, audience.parameters().toArray()).rows()) {
            rows.add(Arrays.asList(row));
        }
        return new Sample(chosen.stream().map(ModelCatalog.Trait::column).toList(), rows);
    }

    /**
     * The columns a sample shows unless others are chosen: {@code customer_id}, the contact columns
     * the catalog has ({@code email}, {@code first_name}, {@code last_name}), then the traits the
     * rule compares, at most eight in all.
     */
    public List<String> defaultColumns(AudienceRule rule) {
        Set<String> names = new LinkedHashSet<>();
        names.add("customer_id");
        CONTACT_COLUMNS.stream().filter(name -> catalog.customerColumn(name).isPresent()).forEach(names::add);
        traits(rule, names);
        return names.stream().filter(name -> catalog.trait(name).isPresent()).limit(DEFAULT_COLUMNS).toList();
    }

    /** Both audiences' sizes and their common members, in one query. */
    public Overlap overlap(CompiledAudience audience, CompiledAudience other) {
        String id = dialect.quote("customer_id");
        String sql = "SELECT count(a." + id + "), count(b." + id + "), count(CASE WHEN a." + id + " IS NOT NULL AND b." + id
                + " IS NOT NULL THEN 1 END) FROM (" + audience.sql() + ") AS a FULL OUTER JOIN (" + other.sql() + ") AS b ON a." + id
                + " = b." + id;
        List<Object> parameters = new ArrayList<>(audience.parameters());
        parameters.addAll(other.parameters());
        Object[] row = warehouse.queryAll(sql, parameters.toArray()).rows().get(0);
        return new Overlap(audience.audience(), other.audience(), number(row[0]), number(row[1]), number(row[2]));
    }

    /**
     * The members by one trait, a column of {@code model.customers} or a score trait
     * (INPUT_INVALID at {@code breakdown.trait} for a trait there is not or a JSON column): for text
     * and booleans the {@code buckets} most common values, for numbers and times at most
     * {@code buckets} ranges of a round width; members without a value (without scores) count as
     * "no value".
     */
    public Breakdown breakdown(CompiledAudience audience, String trait, int buckets) {
        if (buckets < 1 || buckets > MAX_BUCKETS) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, "breakdown.buckets: must be from 1 to " + MAX_BUCKETS + ", got " + buckets);
        }
        ModelCatalog.Trait column = trait(trait, "breakdown.trait");
        String from = column.score() ? audience.fromWithScores(dialect) : audience.from();
        return new BreakdownSql(warehouse, audience, from).run(column.column(), column.expression(dialect), buckets);
    }

    private ModelCatalog.Trait trait(String name, String path) {
        Optional<ModelCatalog.Trait> trait = catalog.trait(name);
        if (trait.isEmpty()) {
            List<String> names = catalog.customerColumns().stream().map(Column::name).toList();
            String scores = catalog.visibleScoreTraits().isEmpty() ? "" : "; model.customer_scores has "
                    + String.join(", ", catalog.visibleScoreTraits().stream().map(score -> score.name() + score.origin()).toList());
            throw new OwnstackException(ErrorCode.INPUT_INVALID, path + ": model.customers has no column \"" + name + "\"; it has "
                    + (names.isEmpty() ? "no columns (build the models first: ownstack build)" : String.join(", ", names)) + scores);
        }
        return trait.get();
    }

    static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static void traits(AudienceRule rule, Set<String> names) {
        rule.accept(new AudienceRule.Visitor<Void>() {
            @Override
            public Void allOf(AllOf all) {
                all.rules().forEach(child -> traits(child, names));
                return null;
            }

            @Override
            public Void anyOf(AnyOf any) {
                any.rules().forEach(child -> traits(child, names));
                return null;
            }

            @Override
            public Void not(Not not) {
                traits(not.rule(), names);
                return null;
            }

            @Override
            public Void trait(TraitCondition trait) {
                names.add(trait.trait());
                return null;
            }

            @Override
            public Void event(EventCondition event) {
                return null;
            }

            @Override
            public Void transactions(TransactionCondition transactions) {
                return null;
            }

            @Override
            public Void audience(AudienceMembership membership) {
                return null;
            }
        });
    }
}
