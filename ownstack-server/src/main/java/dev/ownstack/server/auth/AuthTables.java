package dev.ownstack.server.auth;

import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.Warehouse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The tables in schema {@code ownstack} that hold local users, their API keys and the audit log
 * (docs/SERVER.md has them column by column). Created on first use; readers treat a missing table
 * as empty.
 */
public final class AuthTables {
    public static final TableName USERS = new TableName(TableName.OWNSTACK_SCHEMA, "users");
    public static final TableName API_KEYS = new TableName(TableName.OWNSTACK_SCHEMA, "api_keys");
    public static final TableName AUDIT_LOG = new TableName(TableName.OWNSTACK_SCHEMA, "audit_log");

    static final List<Column> USER_COLUMNS = List.of(new Column("name", ColumnType.STRING), new Column("role", ColumnType.STRING),
            new Column("password_hash", ColumnType.STRING), new Column("created_at", ColumnType.TIMESTAMPTZ),
            new Column("disabled", ColumnType.BOOLEAN));
    static final List<Column> KEY_COLUMNS = List.of(new Column("id", ColumnType.STRING), new Column("user_name", ColumnType.STRING),
            new Column("key_hash", ColumnType.STRING), new Column("prefix", ColumnType.STRING), new Column("created_at", ColumnType.TIMESTAMPTZ),
            new Column("last_used_at", ColumnType.TIMESTAMPTZ), new Column("revoked_at", ColumnType.TIMESTAMPTZ));
    static final List<Column> AUDIT_COLUMNS = List.of(new Column("at", ColumnType.TIMESTAMPTZ), new Column("actor", ColumnType.STRING),
            new Column("action", ColumnType.STRING), new Column("target", ColumnType.STRING), new Column("detail", ColumnType.STRING),
            new Column("outcome", ColumnType.STRING));

    private AuthTables() {
    }

    /** Creates the three tables when missing. Synchronised: two connections creating the schema at once conflict on both engines. */
    public static synchronized void ensure(Warehouse warehouse) {
        warehouse.ensureTable(USERS, USER_COLUMNS, List.of("name"));
        warehouse.ensureTable(API_KEYS, KEY_COLUMNS, List.of("id"));
        warehouse.ensureTable(AUDIT_LOG, AUDIT_COLUMNS, List.of());
    }

    static boolean exists(Warehouse warehouse, TableName table) {
        return warehouse.describe(table).isPresent();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    static Instant instant(Object value) {
        return ((OffsetDateTime) value).toInstant();
    }
}
