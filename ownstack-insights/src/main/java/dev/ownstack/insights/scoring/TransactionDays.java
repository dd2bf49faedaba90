package dev.ownstack.insights.scoring;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.Warehouse;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The last day of the data: scoring "today" means the day after the latest transaction. */
final class TransactionDays {
    private TransactionDays() {
    }

    /** The day (UTC) of the latest transaction; NOT_FOUND when there is none. */
    static LocalDate lastDay(Warehouse warehouse, TableName transactions, String model) {
        if (warehouse.describe(transactions).isEmpty()) {
            throw new OwnstackException(ErrorCode.NOT_FOUND, "model '" + model + "': " + transactions
                    + " does not exist: build the models first (ownstack build)");
        }
        Object latest = warehouse.queryAll("SELECT max(" + warehouse.dialect().quote("occurred_at") + ") FROM "
                + warehouse.dialect().table(transactions)).singleValue();
        if (latest == null) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "model '" + model + "': " + transactions
                    + " has no transactions to learn from");
        }
        LocalDateTime last = latest instanceof OffsetDateTime at ? at.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()
                : (LocalDateTime) latest;
        return last.toLocalDate();
    }
}
