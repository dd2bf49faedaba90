package dev.ownstack.model.master;

import dev.ownstack.core.config.ConfigProblems;
import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.core.config.identity.IdentityConfig;
import dev.ownstack.core.config.identity.IdentitySource;
import dev.ownstack.core.config.models.ActivityTable;
import dev.ownstack.core.config.models.CustomerAttribute;
import dev.ownstack.core.config.models.ModelsConfig;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.TableName;
import dev.ownstack.model.traits.ActivityRows;
import dev.ownstack.model.traits.Expressions;
import dev.ownstack.model.traits.TraitQuery;
import dev.ownstack.model.traits.TraitSql;
import dev.ownstack.warehouse.Warehouse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Builds the master models in the warehouse from the identity tables ({@code ownstack resolve})
 * and the raw tables: {@code model.customers}, {@code model.customer_identities},
 * {@code model.transactions} and {@code model.events}. All the work is SQL run by the warehouse.
 *
 * <p>Each table is built under a staging name ({@code model._build_<name>}); when all are built,
 * one transaction drops the old tables and renames the new ones into place. Readers see the old
 * models or the new ones, never a mix or a half-written table, and a build that fails or is
 * killed leaves the old models as they were (its staging tables are dropped by the next build).
 * One build at a time per warehouse.
 *
 * <p>Problems with the configuration that only the warehouse can reveal (a missing table or
 * column, a column of the wrong type) are reported together, with their paths in
 * {@code ownstack.yml}, as CONFIG_INVALID before anything is written.
 */
public final class MasterModels {
    private MasterModels() {
    }

    /** Builds with "now" from the system clock unless {@code models.as-of} sets it. */
    public static ModelBuildSummary build(Warehouse warehouse, IdentityConfig identity, ModelsConfig models) {
        return build(warehouse, identity, models, Clock.systemUTC());
    }

    public static ModelBuildSummary build(Warehouse warehouse, IdentityConfig identity, ModelsConfig models, Clock clock) {
        return build(warehouse, identity, models, clock, BuildProgress.NONE);
    }

    /** Builds, telling {@code progress} as each step starts. */
    public static ModelBuildSummary build(Warehouse warehouse, IdentityConfig identity, ModelsConfig models, Clock clock,
                                          BuildProgress progress) {
        long started = System.nanoTime();
        LocalDateTime asOf = LocalDateTime.ofInstant(models.asOf().orElseGet(clock::instant), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        Expressions sql = new Expressions(warehouse.dialect());
        SourceTable records = requireIdentityTables(warehouse);
        ConfigProblems problems = new ConfigProblems(ProjectConfig.FILE_NAME);
        checkSourceNames(identity, models, problems);
        problems.throwIfAny();

        Optional<TransactionsSql> transactions = models.transactions().flatMap(model -> TransactionsSql.plan(warehouse, sql, model, problems));
        Optional<EventsSql> events = EventsSql.plan(warehouse, sql, identity, models.events(), problems);
        Optional<CustomersSql> customers = CustomersSql.plan(warehouse, sql, identity, models, records, problems);
        Map<ActivityTable, ActivityRows> activity = new EnumMap<>(ActivityTable.class);
        transactions.ifPresent(plan -> activity.put(ActivityTable.TRANSACTIONS, new ActivityRows(ActivityTable.TRANSACTIONS,
                ModelTables.staging(ModelTables.TRANSACTIONS), TransactionsSql.TIME_COLUMN, TransactionsSql.ID_COLUMN, plan.columns())));
        events.ifPresent(plan -> activity.put(ActivityTable.EVENTS, new ActivityRows(ActivityTable.EVENTS,
                ModelTables.staging(ModelTables.EVENTS), EventsSql.TIME_COLUMN, EventsSql.ID_COLUMN, plan.columns())));
        Map<TableName, String> absent = new LinkedHashMap<>();
        if (models.transactions().isEmpty()) {
            absent.put(ModelTables.TRANSACTIONS, "models.transactions is not configured");
        }
        if (events.isEmpty() && warehouse.describe(models.events().table()).isEmpty()) {
            absent.put(ModelTables.EVENTS, models.events().table() + " does not exist");
        }
        Map<ActivityTable, String> absentActivity = new EnumMap<>(ActivityTable.class);
        Optional.ofNullable(absent.get(ModelTables.EVENTS)).ifPresent(reason -> absentActivity.put(ActivityTable.EVENTS, reason));
        TraitSql.check(models.traits(), activity, absentActivity, problems);
        problems.throwIfAny();
        List<TableName> built = new ArrayList<>(ModelTables.ALL);
        built.removeAll(absent.keySet());

        warehouse.execute(sql.dialect().createSchemaIfNotExists(ModelTables.SCHEMA));
        dropStaging(warehouse, sql);
        try {
            warehouse.inAnyRowOrder(() -> {
                progress.step(ModelTables.CUSTOMER_IDENTITIES.toString());
                warehouse.execute(CustomerIdentitiesSql.create(sql));
                transactions.ifPresent(plan -> {
                    progress.step(ModelTables.TRANSACTIONS.toString());
                    warehouse.execute(plan.create());
                });
                events.ifPresent(plan -> {
                    progress.step(ModelTables.EVENTS.toString());
                    warehouse.execute(plan.create());
                });
                CustomersSql customersSql = customers.orElseThrow();
                TraitQuery traits = new TraitSql(sql, asOf).query(models.traits(), activity, customersSql.customerId());
                progress.step(ModelTables.CUSTOMERS.toString());
                warehouse.execute(customersSql.create(traits));
                progress.step("replacing the models");
                swap(warehouse, sql, built);
                return null;
            });
        } catch (RuntimeException e) {
            try {
                dropStaging(warehouse, sql);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        Map<TableName, Long> rows = new LinkedHashMap<>();
        for (TableName table : built) {
            rows.put(table, ((Number) warehouse.queryAll("SELECT count(*) FROM " + sql.dialect().table(table)).singleValue()).longValue());
        }
        return new ModelBuildSummary(rows, absent, asOf, Duration.ofNanos(System.nanoTime() - started));
    }

    private static SourceTable requireIdentityTables(Warehouse warehouse) {
        for (TableName table : List.of(ModelTables.IDENTITY_RECORDS, ModelTables.IDENTITY_RECORD_KEYS)) {
            if (warehouse.describe(table).isEmpty()) {
                throw new OwnstackException(ErrorCode.NOT_FOUND, table + " does not exist: run ownstack resolve before building the models");
            }
        }
        boolean keysWithCustomers = warehouse.describe(ModelTables.IDENTITY_RECORD_KEYS).orElseThrow().stream()
                .anyMatch(column -> column.name().equals("customer_id"));
        if (!keysWithCustomers) {
            throw new OwnstackException(ErrorCode.NOT_FOUND, ModelTables.IDENTITY_RECORD_KEYS
                    + " has no customer_id column: an older ownstack resolved this warehouse; run ownstack resolve before building the models");
        }
        return SourceTable.describe(warehouse, ModelTables.IDENTITY_RECORDS).orElseThrow();
    }

    /** The models may name only sources of the identity section (checked here too, for configurations built in code). */
    private static void checkSourceNames(IdentityConfig identity, ModelsConfig models, ConfigProblems problems) {
        Set<String> known = identity.sources().stream().map(IdentitySource::name).collect(Collectors.toCollection(TreeSet::new));
        String listed = known.isEmpty() ? "none" : String.join(", ", known);
        for (CustomerAttribute attribute : models.attributes()) {
            for (String source : attribute.sources().keySet()) {
                if (!known.contains(source)) {
                    problems.add("models.customers.attributes." + attribute.name() + "." + source,
                            "'" + source + "' is not an identity source; identity.sources has: " + listed);
                }
            }
        }
        models.transactions().filter(model -> !known.contains(model.source())).ifPresent(model -> problems.add(
                "models.transactions.source", "'" + model.source() + "' is not an identity source; identity.sources has: " + listed));
    }

    /** Replaces every model table in one transaction: the built ones by their staging tables, the others by nothing. */
    private static void swap(Warehouse warehouse, Expressions sql, List<TableName> built) {
        warehouse.inTransaction(transaction -> {
            for (TableName table : ModelTables.ALL) {
                transaction.execute("DROP TABLE IF EXISTS " + sql.dialect().table(table));
                if (built.contains(table)) {
                    transaction.execute("ALTER TABLE " + sql.dialect().table(ModelTables.staging(table)) + " RENAME TO "
                            + sql.quote(table.name()));
                }
            }
            return null;
        });
    }

    private static void dropStaging(Warehouse warehouse, Expressions sql) {
        List<TableName> staging = new ArrayList<>();
        ModelTables.ALL.forEach(table -> staging.add(ModelTables.staging(table)));
        staging.add(ModelTables.CUSTOMER_VALUES);
        for (TableName table : staging) {
            warehouse.execute("DROP TABLE IF EXISTS " + sql.dialect().table(table));
        }
    }
}
