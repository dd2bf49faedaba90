package dev.ownstack.model.master;

import dev.ownstack.model.traits.Expressions;
import java.util.List;
import java.util.stream.Collectors;

/** Builds {@code model.customer_identities}: every key value of every record, with the record's customer. */
final class CustomerIdentitiesSql {
    static final List<String> COLUMNS = List.of("customer_id", "key_name", "key_value", "source", "record_id", "status");

    private CustomerIdentitiesSql() {
    }

    /** A copy of identity.record_keys, whose rows carry their record's customer: no join. */
    static String create(Expressions sql) {
        String select = COLUMNS.stream().map(column -> sql.text(sql.column("k", column)) + " AS " + sql.quote(column))
                .collect(Collectors.joining(", "));
        return "CREATE TABLE " + sql.dialect().table(ModelTables.staging(ModelTables.CUSTOMER_IDENTITIES)) + " AS SELECT " + select
                + " FROM " + sql.dialect().table(ModelTables.IDENTITY_RECORD_KEYS) + " k";
    }
}
