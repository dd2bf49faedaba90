package dev.ownstack.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.warehouse.bigquery.BigQueryDialect;
import dev.ownstack.warehouse.duckdb.DuckDbDialect;
import dev.ownstack.warehouse.postgres.PostgresDialect;
import dev.ownstack.warehouse.redshift.RedshiftDialect;
import dev.ownstack.warehouse.snowflake.SnowflakeDialect;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlDialectsTest {

    @Test
    void finds_every_dialect_by_its_name() {
        assertEquals(List.of("duckdb", "postgres", "snowflake", "bigquery", "redshift"), SqlDialects.names());
        assertSame(DuckDbDialect.INSTANCE, SqlDialects.byName("duckdb"));
        assertSame(PostgresDialect.INSTANCE, SqlDialects.byName("postgres"));
        assertSame(SnowflakeDialect.INSTANCE, SqlDialects.byName("snowflake"));
        assertSame(BigQueryDialect.INSTANCE, SqlDialects.byName("bigquery"));
        assertSame(RedshiftDialect.INSTANCE, SqlDialects.byName("redshift"));
    }

    @Test
    void rejects_an_unknown_name_listing_the_known_ones() {
        OwnstackException error = assertThrows(OwnstackException.class, () -> SqlDialects.byName("Snowflake"));

        assertEquals(ErrorCode.ARGUMENT_INVALID, error.code());
        assertTrue(error.getMessage().contains("'Snowflake'") && error.getMessage().contains("duckdb, postgres, snowflake, bigquery, redshift"),
                error.getMessage());
    }
}
