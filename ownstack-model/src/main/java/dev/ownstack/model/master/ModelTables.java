package dev.ownstack.model.master;

import dev.ownstack.core.table.TableName;
import java.util.List;

/** The tables the master models are read from and written to. */
public final class ModelTables {
    public static final String SCHEMA = "model";
    public static final TableName CUSTOMERS = new TableName(SCHEMA, "customers");
    public static final TableName CUSTOMER_IDENTITIES = new TableName(SCHEMA, "customer_identities");
    public static final TableName TRANSACTIONS = new TableName(SCHEMA, "transactions");
    public static final TableName EVENTS = new TableName(SCHEMA, "events");
    /** Every table a build replaces, in the order the summary lists them. */
    public static final List<TableName> ALL = List.of(CUSTOMERS, CUSTOMER_IDENTITIES, TRANSACTIONS, EVENTS);

    public static final TableName IDENTITY_RECORDS = new TableName("identity", "records");
    public static final TableName IDENTITY_RECORD_KEYS = new TableName("identity", "record_keys");

    /** A working table of builds of earlier versions, which a build drops when one was left behind. */
    static final TableName CUSTOMER_VALUES = staging(new TableName(SCHEMA, "customer_values"));

    private ModelTables() {
    }

    /** Where a model table is built before it replaces the old one. */
    static TableName staging(TableName table) {
        return new TableName(SCHEMA, "_build_" + table.name());
    }
}
