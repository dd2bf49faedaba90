package dev.ownstack.ingest.file;

import dev.ownstack.core.config.CsvOptions;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.ingest.file.RecordVisitor.SourceColumn;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CSV files: the header names the columns (or, without one, {@code column_1}, {@code column_2},
 * ...); unquoted fields equal to a configured null value are null; a record with the wrong number
 * of fields is malformed, except for empty fields past the last column (trailing delimiters).
 */
final class CsvRecords implements RecordReader {
    private final CsvOptions options;
    private final boolean onlyEmptyIsNull;

    CsvRecords(CsvOptions options) {
        this.options = options;
        this.onlyEmptyIsNull = options.nullValues().equals(List.of(""));
    }

    @Override
    public TextTyping textTyping() {
        return TextTyping.ANY;
    }

    @Override
    public void read(Path file, long limit, RecordVisitor visitor) {
        try (CsvReader reader = new CsvReader(FileInput.reader(file), options.delimiter(), options.quote())) {
            boolean hasRecord = reader.next();
            int width;
            if (options.header()) {
                width = hasRecord ? reader.fieldCount() : 0;
                visitor.columns(columns(reader, width, true));
                hasRecord = hasRecord && reader.next();
            } else {
                width = hasRecord ? reader.fieldCount() : 0;
                visitor.columns(columns(reader, width, false));
            }
            long count = 0;
            while (hasRecord && count < limit) {
                count++;
                emit(reader, width, visitor);
                hasRecord = reader.next();
            }
        } catch (IOException e) {
            throw new OwnstackException(ErrorCode.IO_FAILED, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<SourceColumn> columns(CsvReader reader, int width, boolean fromHeader) {
        List<SourceColumn> columns = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            String name = fromHeader ? reader.field(i) : "column_" + (i + 1);
            columns.add(new SourceColumn(name, Optional.empty()));
        }
        return columns;
    }

    private void emit(CsvReader reader, int width, RecordVisitor visitor) {
        if (reader.problem() != null) {
            visitor.malformed(reader.line(), reader.problem(), rawText(reader));
            return;
        }
        if (reader.fieldCount() != width && !onlyEmptyFieldsPast(reader, width)) {
            visitor.malformed(reader.line(), "expected " + width + " fields as in the header, found " + reader.fieldCount(), rawText(reader));
            return;
        }
        Object[] values = new Object[width];
        for (int i = 0; i < width; i++) {
            String field = reader.field(i);
            values[i] = !reader.quoted(i) && isNull(field) ? null : field;
        }
        visitor.record(reader.line(), values);
    }

    /** Trailing delimiters ("1,2," under the header "a,b") add empty fields that hold nothing. */
    private static boolean onlyEmptyFieldsPast(CsvReader reader, int width) {
        if (reader.fieldCount() < width) {
            return false;
        }
        for (int i = width; i < reader.fieldCount(); i++) {
            if (!reader.field(i).isEmpty() || reader.quoted(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean isNull(String field) {
        return onlyEmptyIsNull ? field.isEmpty() : options.nullValues().contains(field);
    }

    /** The record written back as CSV, for rejects. */
    private String rawText(CsvReader reader) {
        StringBuilder text = new StringBuilder();
        String quote = String.valueOf(options.quote());
        for (int i = 0; i < reader.fieldCount(); i++) {
            if (i > 0) {
                text.append(options.delimiter());
            }
            String field = reader.field(i);
            boolean needsQuotes = reader.quoted(i) || field.indexOf(options.delimiter()) >= 0 || field.contains(quote)
                    || field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0;
            text.append(needsQuotes ? quote + field.replace(quote, quote + quote) + quote : field);
        }
        return text.toString();
    }
}
