package dev.ownstack.ingest.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.core.config.OnError;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.ingest.LoadProgress;
import dev.ownstack.ingest.Reject;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.SqlDialect;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads the records of one file through a bulk writer the caller owns, inside the caller's
 * transaction: converts each value to its column's type, writes good rows with their lineage,
 * and fails on bad ones or collects them as rejects, by the source's policy.
 */
final class FileLoad implements RecordVisitor {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long PROGRESS_EVERY = 100_000;
    private static final int MAX_VALUE_IN_MESSAGE = 80;
    private static final Pattern DECIMAL_TYPE = Pattern.compile("\\w+\\((\\d+), *(\\d+)\\)");

    /** Where the files go and how they are loaded; the same for every file of a run. */
    record Target(TableName table, SqlDialect dialect, String source, OnError onError, LoadProgress progress,
                  Function<String, String> typeHint) {
        Target {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(dialect, "dialect");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(onError, "onError");
            Objects.requireNonNull(progress, "progress");
            Objects.requireNonNull(typeHint, "typeHint");
        }
    }

    private final Target target;
    private final List<Column> tableColumns;
    private final RowWriter writer;
    private final FileFingerprint file;
    private final String displayName;
    private final OffsetDateTime loadedAt;
    private final long rowsBefore;
    private final int decimalPrecision;
    private final int decimalScale;
    private final List<Reject> rejects = new ArrayList<>();
    private String[] originalNames;
    private String[] columnNames;
    private int[] positions;
    private ColumnType[] types;
    private int filePosition;
    private int linePosition;
    private int loadedAtPosition;
    private long rows;

    /**
     * @param tableColumns the target table's columns, in the order {@code writer} was opened with
     * @param rowsBefore   rows loaded by this run before this file, for progress
     */
    FileLoad(Target target, List<Column> tableColumns, RowWriter writer, FileFingerprint file, String displayName,
             OffsetDateTime loadedAt, long rowsBefore) {
        this.target = target;
        this.tableColumns = List.copyOf(tableColumns);
        this.writer = writer;
        this.file = file;
        this.displayName = displayName;
        this.loadedAt = loadedAt;
        this.rowsBefore = rowsBefore;
        Matcher decimal = DECIMAL_TYPE.matcher(target.dialect().typeName(ColumnType.DECIMAL));
        this.decimalPrecision = decimal.matches() ? Integer.parseInt(decimal.group(1)) : -1;
        this.decimalScale = decimal.matches() ? Integer.parseInt(decimal.group(2)) : -1;
    }

    @Override
    public void columns(List<SourceColumn> columns) {
        originalNames = columns.stream().map(SourceColumn::name).toArray(String[]::new);
        columnNames = ColumnNames.sanitize(List.of(originalNames)).toArray(String[]::new);
        positions = new int[columnNames.length];
        types = new ColumnType[columnNames.length];
        for (int i = 0; i < columnNames.length; i++) {
            positions[i] = indexOf(tableColumns, columnNames[i]);
            if (positions[i] < 0) {
                // every file's columns were added to the table before loading began
                throw new OwnstackException(ErrorCode.IO_FAILED, displayName + " has a column '" + originalNames[i]
                        + "' it did not have when the load started: the file changed during the load; run it again");
            }
            types[i] = tableColumns.get(positions[i]).type();
        }
        filePosition = indexOf(tableColumns, Lineage.FILE);
        linePosition = indexOf(tableColumns, Lineage.LINE);
        loadedAtPosition = indexOf(tableColumns, Lineage.LOADED_AT);
    }

    @Override
    public void record(long line, Object[] values) {
        Object[] row = new Object[tableColumns.size()];
        for (int i = 0; i < values.length; i++) {
            Object value = ValueConversion.convert(values[i], types[i]);
            if (value instanceof BigDecimal decimal && decimalScale >= 0) {
                value = fitDecimal(decimal);
            }
            if (value == TextValues.INVALID) {
                String reason = "'" + shorten(String.valueOf(values[i])) + "' is not a " + types[i].configName()
                        + " (" + target.typeHint().apply(columnNames[i]) + ")";
                reject(new Reject(displayName + ":" + line, originalNames[i], reason, rawRow(values)));
                return;
            }
            row[positions[i]] = value;
        }
        row[filePosition] = file.pathText();
        row[linePosition] = line;
        row[loadedAtPosition] = loadedAt;
        writer.write(row);
        rows++;
        if (rows % PROGRESS_EVERY == 0) {
            target.progress().update(target.source(), displayName, rowsBefore + rows);
        }
    }

    @Override
    public void malformed(long line, String reason, String rawText) {
        reject(new Reject(displayName + ":" + line, "", reason, rawText));
    }

    private void reject(Reject reject) {
        if (target.onError() == OnError.FAIL) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, reject.message());
        }
        rejects.add(reject);
    }

    FileFingerprint file() {
        return file;
    }

    long rows() {
        return rows;
    }

    /** The rows rejected under the skip policy, to be written once the bulk writer is closed. */
    List<Reject> rejects() {
        return rejects;
    }

    /**
     * Gives a decimal the scale of the engine's decimal type where it has a fixed one (DuckDB's
     * appender takes nothing else), or INVALID when its integer part does not fit.
     */
    private Object fitDecimal(BigDecimal value) {
        BigDecimal scaled = value.setScale(decimalScale, RoundingMode.HALF_EVEN);
        return scaled.precision() > decimalPrecision ? TextValues.INVALID : scaled;
    }

    /** The record as a JSON object keyed by the file's column names, for the rejects table. */
    private String rawRow(Object[] values) {
        ObjectNode row = MAPPER.createObjectNode();
        for (int i = 0; i < values.length; i++) {
            row.put(originalNames[i], values[i] == null ? null : values[i].toString());
        }
        return row.toString();
    }

    private static String shorten(String value) {
        return value.length() <= MAX_VALUE_IN_MESSAGE ? value : value.substring(0, MAX_VALUE_IN_MESSAGE) + "...";
    }

    private static int indexOf(List<Column> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }
}
