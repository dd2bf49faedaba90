package dev.ownstack.destinations.file;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RFC 4180 rows: fields holding a comma, a quote, CR or LF (and empty text) are quoted, with
 * quotes doubled; null is an empty unquoted field. Lines end with LF; UTF-8 without BOM. The
 * columns are fixed by the header: a record's fields are taken by name (missing ones are null).
 */
final class CsvRowWriter implements RecordFormat.RowWriter {
    private final Writer out;
    private final List<String> columns;

    CsvRowWriter(OutputStream stream, List<String> columns, String keyColumn) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
        this.columns = List.copyOf(columns);
        List<Object> header = new ArrayList<>(columns);
        header.add(keyColumn);
        writeRow(header);
    }

    @Override
    public void write(String key, Map<String, Object> fields) throws IOException {
        List<Object> row = new ArrayList<>(columns.size() + 1);
        for (String column : columns) {
            row.add(fields.get(column));
        }
        row.add(key);
        writeRow(row);
    }

    private void writeRow(List<Object> values) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            Object value = values.get(i);
            if (value != null) {
                writeField(Values.text(value));
            }
        }
        out.write('\n');
    }

    private void writeField(String text) throws IOException {
        if (!text.isEmpty() && text.chars().noneMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n')) {
            out.write(text);
            return;
        }
        out.write('"');
        out.write(text.replace("\"", "\"\""));
        out.write('"');
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }
}
