package dev.ownstack.ingest.file;

import dev.ownstack.core.table.ColumnType;
import dev.ownstack.ingest.file.RecordVisitor.SourceColumn;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Infers column types from sampled records of one or more files: each value's narrowest type
 * (bigint, double, boolean, date, timestamp, timestamptz, json, string), widened across values
 * with {@link ColumnType#widen}. Types a file declares (Parquet) win over values. A column with
 * no value in the sample is a string. Columns keep the order they were first seen in.
 */
final class TypeInference {
    private final Map<String, ColumnType> types = new LinkedHashMap<>();
    private final Map<String, ColumnType> declared = new LinkedHashMap<>();
    private long records;

    /** A visitor that adds one file's sampled records to the inference. */
    RecordVisitor visitor(RecordReader.TextTyping typing) {
        return new FileSample(typing);
    }

    /** Sanitized column names in order of first appearance. */
    List<String> columns() {
        return List.copyOf(types.keySet());
    }

    /** The inferred (or declared) type of a column, STRING when the sample held no value of it. */
    ColumnType type(String column) {
        ColumnType type = declared.containsKey(column) ? declared.get(column) : types.get(column);
        return type == null ? ColumnType.STRING : type;
    }

    long records() {
        return records;
    }

    private final class FileSample implements RecordVisitor {
        private final RecordReader.TextTyping typing;
        private String[] names = new String[0];
        private ColumnType[] seen = new ColumnType[0];
        private boolean[] settled = new boolean[0];

        FileSample(RecordReader.TextTyping typing) {
            this.typing = typing;
        }

        @Override
        public void columns(List<SourceColumn> columns) {
            List<String> sanitized = ColumnNames.sanitize(columns.stream().map(SourceColumn::name).toList());
            names = sanitized.toArray(String[]::new);
            seen = new ColumnType[names.length];
            settled = new boolean[names.length];
            for (int i = 0; i < names.length; i++) {
                types.putIfAbsent(names[i], null);
                Optional<ColumnType> declaredType = columns.get(i).declaredType();
                if (declaredType.isPresent()) {
                    declared.merge(names[i], declaredType.get(), ColumnType::widen);
                    settled[i] = true;
                }
                seen[i] = types.get(names[i]);
                settled[i] |= seen[i] == ColumnType.STRING;
            }
        }

        @Override
        public void record(long line, Object[] values) {
            records++;
            for (int i = 0; i < values.length; i++) {
                if (settled[i] || values[i] == null) {
                    continue;
                }
                ColumnType type = typeOf(values[i]);
                if (type == null) {
                    continue;
                }
                ColumnType widened = seen[i] == null ? type : seen[i].widen(type);
                if (widened != seen[i]) {
                    seen[i] = widened;
                    types.put(names[i], widened);
                    settled[i] = widened == ColumnType.STRING;
                }
            }
        }

        @Override
        public void malformed(long line, String reason, String rawText) {
            // malformed records say nothing about types; loading reports them
        }

        private ColumnType typeOf(Object value) {
            return value instanceof String text ? TextValues.detect(text, typing) : valueType(value);
        }
    }

    /** The column type a read value calls for; text that is not a date or time is a string. */
    static ColumnType valueType(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ColumnType.BIGINT;
        }
        if (value instanceof Double || value instanceof Float) {
            return ColumnType.DOUBLE;
        }
        if (value instanceof BigDecimal) {
            return ColumnType.DECIMAL;
        }
        if (value instanceof Boolean) {
            return ColumnType.BOOLEAN;
        }
        if (value instanceof LocalDate) {
            return ColumnType.DATE;
        }
        if (value instanceof LocalDateTime) {
            return ColumnType.TIMESTAMP;
        }
        if (value instanceof OffsetDateTime) {
            return ColumnType.TIMESTAMPTZ;
        }
        if (value instanceof JsonText) {
            return ColumnType.JSON;
        }
        return ColumnType.STRING;
    }
}
