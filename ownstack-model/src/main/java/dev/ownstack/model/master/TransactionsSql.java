package dev.ownstack.model.master;

import dev.ownstack.core.config.ConfigProblems;
import dev.ownstack.core.config.models.TransactionsModel;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.model.traits.Expressions;
import dev.ownstack.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Builds {@code model.transactions}: every row of the configured table, linked to the customer of
 * the identity record it references (NULL when that record is unknown), with typed model columns
 * first and the source's other columns after them.
 */
final class TransactionsSql {
    static final String TIME_COLUMN = "occurred_at";
    static final String ID_COLUMN = "transaction_id";
    private static final String ROW = "t";

    private final String create;
    private final List<Column> columns;

    private TransactionsSql(String create, List<Column> columns) {
        this.create = create;
        this.columns = List.copyOf(columns);
    }

    /** The statement, or empty with the problems added when the table or a column is missing. */
    static Optional<TransactionsSql> plan(Warehouse warehouse, Expressions sql, TransactionsModel model, ConfigProblems problems) {
        Optional<SourceTable> found = SourceTable.describe(warehouse, model.table());
        if (found.isEmpty()) {
            problems.add("models.transactions.table", model.table() + " does not exist");
            return Optional.empty();
        }
        SourceTable table = found.get();
        int before = problems.problems().size();
        Optional<Column> recordId = require(table, "record-id", model.recordId(), type -> true, "", problems);
        Optional<Column> id = require(table, "id", model.id(), type -> true, "", problems);
        Optional<Column> occurredAt = require(table, "occurred-at", model.occurredAt(), Expressions::isTime, "a time", problems);
        Optional<Column> amount = require(table, "amount", model.amount(),
                type -> type.isNumeric() || type == ColumnType.STRING, "a number", problems);
        Optional<Column> currency = model.currency().flatMap(name -> require(table, "currency", name, type -> true, "", problems));
        Optional<Column> type = model.type().flatMap(name -> require(table, "type", name, kind -> true, "", problems));
        List<Column> columns = new ArrayList<>(List.of(new Column(ID_COLUMN, ColumnType.STRING), new Column("customer_id", ColumnType.STRING),
                new Column("record_id", ColumnType.STRING), new Column(TIME_COLUMN, ColumnType.TIMESTAMP),
                new Column("amount", ColumnType.DECIMAL), new Column("currency", ColumnType.STRING), new Column("type", ColumnType.STRING)));
        Set<String> read = new HashSet<>();
        for (Optional<Column> used : List.of(recordId, id, occurredAt, amount, currency, type)) {
            used.ifPresent(column -> read.add(column.name()));
        }
        KeptColumns kept = KeptColumns.of(sql, ROW, table, read, columns, Set.of(), "models.transactions.table", problems);
        if (problems.problems().size() > before) {
            return Optional.empty();
        }
        String records = "r";
        List<String> select = new ArrayList<>();
        select.add(sql.text(sql.column(ROW, id.get().name())) + " AS " + sql.quote(ID_COLUMN));
        select.add(sql.text(sql.column(records, "customer_id")) + " AS " + sql.quote("customer_id"));
        select.add(sql.text(sql.column(ROW, recordId.get().name())) + " AS " + sql.quote("record_id"));
        select.add(sql.timestamp(sql.column(ROW, occurredAt.get().name()), occurredAt.get().type()) + " AS " + sql.quote(TIME_COLUMN));
        select.add(sql.cast(sql.column(ROW, amount.get().name()), ColumnType.DECIMAL) + " AS " + sql.quote("amount"));
        select.add(sql.text(currency.map(column -> sql.column(ROW, column.name())).orElse("NULL")) + " AS " + sql.quote("currency"));
        select.add(sql.text(type.map(column -> sql.column(ROW, column.name())).orElse("NULL")) + " AS " + sql.quote("type"));
        select.addAll(kept.select());
        columns.addAll(kept.columns());
        String create = "CREATE TABLE " + sql.dialect().table(ModelTables.staging(ModelTables.TRANSACTIONS)) + " AS SELECT "
                + String.join(", ", select) + " FROM " + sql.dialect().table(model.table()) + " " + ROW
                + " LEFT JOIN " + sql.dialect().table(ModelTables.IDENTITY_RECORDS) + " " + records
                + " ON " + sql.column(records, "source") + " = " + sql.literal(model.source())
                + " AND " + sql.column(records, "record_id") + " = " + sql.text(sql.column(ROW, recordId.get().name()));
        return Optional.of(new TransactionsSql(create, columns));
    }

    private static Optional<Column> require(SourceTable table, String key, String name, Predicate<ColumnType> suits, String needs,
                                            ConfigProblems problems) {
        Optional<Column> column = table.column(name);
        if (column.isEmpty()) {
            problems.add("models.transactions." + key, table.missing(name));
        } else if (!suits.test(column.get().type())) {
            problems.add("models.transactions." + key, "column " + name + " of " + table.name() + " must hold " + needs + ", but it is "
                    + column.get().type().configName());
            return Optional.empty();
        }
        return column;
    }

    String create() {
        return create;
    }

    /** The columns of the table {@link #create()} makes, in order. */
    List<Column> columns() {
        return columns;
    }
}
