package dev.ownstack.warehouse;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.warehouse.bigquery.BigQueryDialect;
import dev.ownstack.warehouse.duckdb.DuckDbDialect;
import dev.ownstack.warehouse.postgres.PostgresDialect;
import dev.ownstack.warehouse.redshift.RedshiftDialect;
import dev.ownstack.warehouse.snowflake.SnowflakeDialect;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every dialect by its {@link SqlDialect#name()}: the engines ownstack runs on (duckdb, postgres)
 * and those it only writes SQL for (snowflake, bigquery, redshift), e.g. for
 * {@code ownstack audience sql NAME --dialect D}.
 */
public final class SqlDialects {
    private static final List<SqlDialect> ALL = List.of(DuckDbDialect.INSTANCE, PostgresDialect.INSTANCE,
            SnowflakeDialect.INSTANCE, BigQueryDialect.INSTANCE, RedshiftDialect.INSTANCE);

    private SqlDialects() {
    }

    public static List<SqlDialect> all() {
        return ALL;
    }

    /** The names in {@link #all()} order: {@code duckdb, postgres, snowflake, bigquery, redshift}. */
    public static List<String> names() {
        return ALL.stream().map(SqlDialect::name).toList();
    }

    public static SqlDialect byName(String name) {
        return ALL.stream().filter(dialect -> dialect.name().equals(name)).findFirst()
                .orElseThrow(() -> new OwnstackException(ErrorCode.ARGUMENT_INVALID, "dialect '" + name + "' is not one of "
                        + ALL.stream().map(SqlDialect::name).collect(Collectors.joining(", "))));
    }
}
