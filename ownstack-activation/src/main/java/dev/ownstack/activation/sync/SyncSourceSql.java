package dev.ownstack.activation.sync;

import dev.ownstack.activation.audience.CompiledAudience;
import dev.ownstack.activation.audience.ModelCatalog;
import dev.ownstack.activation.audience.ScoreTrait;
import dev.ownstack.activation.audience.store.AudienceStore;
import dev.ownstack.activation.audience.store.CompileContext;
import dev.ownstack.core.config.audiences.AudienceDefinition;
import dev.ownstack.core.config.syncs.SyncDefinition;
import dev.ownstack.core.config.syncs.SyncSource;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.Identifiers;
import dev.ownstack.warehouse.ResultColumn;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.Warehouse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A sync's source as one query the diff reads as a subquery, {@code (sql) AS src}, with the
 * columns its mapping uses checked to exist.
 *
 * @param sql        a SELECT whose {@code ?} placeholders take {@code parameters}
 * @param identifier the identifier column as the source spells it
 * @param fields     the mapped fields, in mapping order
 */
record SyncSourceSql(String sql, List<Object> parameters, String identifier, List<MappedField> fields) {
    private static final String CUSTOMER_ID = "customer_id";

    /**
     * One mapped field.
     *
     * @param name   the destination's field name
     * @param column the source column as the source spells it
     * @param type   the column's type
     */
    record MappedField(String name, String column, ColumnType type) {
    }

    SyncSourceSql {
        Objects.requireNonNull(sql, "sql");
        parameters = List.copyOf(parameters);
        Objects.requireNonNull(identifier, "identifier");
        fields = List.copyOf(fields);
    }

    /**
     * Compiles an audience source (its members with every column of {@code model.customers}, and
     * the score traits the identifier or the mapping names) or
     * checks a query source, then checks the identifier and every mapped column. When the project
     * names a consent column for the destination's kind, only customers whose column is true are
     * in the source (a query source must then return {@code customer_id}).
     *
     * @throws OwnstackException {@code CONFIG_INVALID} naming the sync, the mapping entry and the
     *     column, or the query's problem; {@code NOT_FOUND} for an unknown audience
     */
    static SyncSourceSql resolve(Warehouse warehouse, SyncCatalog catalog, SyncDefinition sync, Clock clock, String kind) {
        SyncSourceSql source = resolve(warehouse, catalog, sync, clock);
        Optional<String> consent = catalog.consent().trait(kind);
        return consent.isEmpty() ? source : source.withConsent(warehouse, sync, kind, consent.get());
    }

    /** The source without the customers who did not consent to destinations of this kind. */
    private SyncSourceSql withConsent(Warehouse warehouse, SyncDefinition sync, String kind, String trait) {
        SqlDialect dialect = warehouse.dialect();
        String where = "syncs." + sync.name() + ": its destination " + sync.destination() + " is of kind " + kind + " and consent."
                + kind + " is '" + trait + "'";
        Column column = ModelCatalog.read(warehouse).customerColumn(trait).orElseThrow(() -> new OwnstackException(ErrorCode.CONFIG_INVALID,
                where + ", but model.customers has no such column; add it as a trait or attribute, or change consent." + kind));
        if (column.type() != ColumnType.BOOLEAN) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, where + ", but model.customers." + trait + " is " + column.type()
                    + ", not BOOLEAN");
        }
        List<String> columns = warehouse.queryAll("SELECT * FROM (" + sql + ") AS src LIMIT 0", parameters.toArray()).columns().stream()
                .map(ResultColumn::name).toList();
        if (!columns.contains(CUSTOMER_ID)) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, where + ": consent is checked by customer, so the source must return a "
                    + CUSTOMER_ID + " column; its columns: " + String.join(", ", columns));
        }
        String filtered = "SELECT consented.* FROM (" + sql + ") AS consented WHERE EXISTS (SELECT 1 FROM " + dialect.table(ModelCatalog.CUSTOMERS)
                + " AS consent WHERE consent." + dialect.quote(CUSTOMER_ID) + " = consented." + dialect.quote(CUSTOMER_ID)
                + " AND consent." + dialect.quote(column.name()) + " IS TRUE)";
        return new SyncSourceSql(filtered, parameters, identifier, fields);
    }

    /** The source as configured, without the consent check (see the overload with the destination's kind). */
    static SyncSourceSql resolve(Warehouse warehouse, SyncCatalog catalog, SyncDefinition sync, Clock clock) {
        SqlDialect dialect = warehouse.dialect();
        String sql;
        List<Object> parameters;
        Map<String, ColumnType> columns = new LinkedHashMap<>();
        ModelCatalog models = null;
        CompiledAudience compiled = null;
        if (sync.source() instanceof SyncSource.Audience audience) {
            models = ModelCatalog.read(warehouse);
            AudienceStore store = new AudienceStore(warehouse, catalog.audiences(), clock);
            AudienceDefinition definition = store.get(audience.audience()).definition();
            compiled = store.compiler(new CompileContext(models, dialect, catalog.asOf().orElse(clock.instant()))).compile(definition);
            sql = "SELECT " + CompiledAudience.CUSTOMERS_ALIAS + ".* FROM " + compiled.from() + " WHERE " + compiled.predicate();
            parameters = compiled.parameters();
            for (Column column : models.customerColumns()) {
                columns.put(column.name(), column.type());
            }
            for (ScoreTrait score : models.visibleScoreTraits()) {
                columns.put(score.name(), score.column().type());
            }
        } else {
            sql = SelectStatement.check(sync.name(), ((SyncSource.Query) sync.source()).sql());
            parameters = List.of();
            for (ResultColumn column : warehouse.queryAll("SELECT * FROM (" + sql + ") AS src LIMIT 0").columns()) {
                columns.put(column.name(), dialect.logicalType(column.engineType()));
            }
        }
        String identifier = column(sync, columns, "identifier", sync.identifier());
        List<MappedField> fields = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> entry : sync.mapping().entrySet()) {
            try {
                String column = column(sync, columns, "mapping." + entry.getKey(), entry.getValue());
                fields.add(new MappedField(entry.getKey(), column, columns.get(column)));
            } catch (OwnstackException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, String.join("\n", problems));
        }
        if (compiled != null) {
            sql = withScores(dialect, models, compiled, identifier, fields).orElse(sql);
        }
        return new SyncSourceSql(sql, parameters, identifier, fields);
    }

    /**
     * An audience source whose identifier or mapping names score traits: the members' customer
     * columns and those scores, from the LEFT JOIN of {@code model.customer_scores} (NULL for a
     * member without scores).
     */
    private static Optional<String> withScores(SqlDialect dialect, ModelCatalog models, CompiledAudience compiled, String identifier,
                                               List<MappedField> fields) {
        List<String> names = new ArrayList<>();
        names.add(identifier);
        fields.forEach(field -> names.add(field.column()));
        List<String> scores = names.stream().distinct().filter(name -> models.trait(name).map(ModelCatalog.Trait::score).orElse(false))
                .toList();
        if (scores.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder select = new StringBuilder("SELECT " + CompiledAudience.CUSTOMERS_ALIAS + ".*");
        for (String score : scores) {
            select.append(", ").append(CompiledAudience.SCORES_ALIAS).append('.').append(dialect.quote(score));
        }
        return Optional.of(select + " FROM " + compiled.fromWithScores(dialect) + " WHERE " + compiled.predicate());
    }

    /** The source's column for a configured name: exactly, else the one column equal to it ignoring case. */
    private static String column(SyncDefinition sync, Map<String, ColumnType> columns, String entry, String name) {
        String found = null;
        if (columns.containsKey(name)) {
            found = name;
        } else {
            List<String> alike = columns.keySet().stream().filter(column -> column.equalsIgnoreCase(name)).toList();
            if (alike.size() == 1) {
                found = alike.get(0);
            }
        }
        if (found == null) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, "syncs." + sync.name() + "." + entry + ": the source has no column '" + name
                    + "'; its columns: " + String.join(", ", columns.keySet()));
        }
        if (!Identifiers.isValid(found)) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, "syncs." + sync.name() + "." + entry + ": column '" + found
                    + "' cannot be read by name; give it an alias of letters, digits and _ in the query");
        }
        return found;
    }
}
