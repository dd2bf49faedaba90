package dev.ownstack.core.config.models;

import dev.ownstack.core.table.Identifiers;
import dev.ownstack.core.table.TableName;
import java.util.Objects;
import java.util.Optional;

/**
 * Where {@code model.transactions} comes from ({@code models.transactions}): a table whose rows
 * reference records of one identity source, and which of its columns are the typed model columns.
 *
 * @param table      the source table, usually {@code raw.transactions}
 * @param source     the identity source whose record ids the rows reference
 * @param recordId   the column holding that record id
 * @param id         the column identifying a transaction
 * @param occurredAt the column saying when the money moved
 * @param amount     the column holding the amount
 * @param currency   the column holding the currency code, if any
 * @param type       the column holding the kind of transaction (order, refund, ...), if any
 */
public record TransactionsModel(TableName table, String source, String recordId, String id, String occurredAt, String amount,
                                Optional<String> currency, Optional<String> type) {
    public TransactionsModel {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(source, "source");
        Identifiers.requireValid(recordId, "record-id column");
        Identifiers.requireValid(id, "id column");
        Identifiers.requireValid(occurredAt, "occurred-at column");
        Identifiers.requireValid(amount, "amount column");
        currency.ifPresent(column -> Identifiers.requireValid(column, "currency column"));
        type.ifPresent(column -> Identifiers.requireValid(column, "type column"));
    }
}
