package dev.ownstack.destinations.file;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/** How records are laid out in a file. */
public enum RecordFormat {
    /**
     * RFC 4180: UTF-8 without BOM, a header row (the fields in mapping order, then the key
     * column), LF line ends; an empty field is null, {@code ""} is empty text.
     */
    CSV("csv"),
    /** One JSON object per line (UTF-8, LF): the fields in mapping order, then the key column. */
    JSON_LINES("jsonl");

    private final String extension;

    RecordFormat(String extension) {
        this.extension = extension;
    }

    /** The file name extension and setting value: {@code csv} or {@code jsonl}. */
    public String extension() {
        return extension;
    }

    /** The format a setting value names. */
    public static RecordFormat of(String setting) {
        return JSON_LINES.extension.equals(setting) ? JSON_LINES : CSV;
    }

    /**
     * Starts a file of records whose fields are {@code columns} (CSV writes the header at once;
     * JSON lines writes each record's own fields).
     */
    public RowWriter open(OutputStream out, List<String> columns, String keyColumn) throws IOException {
        return this == CSV ? new CsvRowWriter(out, columns, keyColumn) : new JsonLinesRowWriter(out, keyColumn);
    }

    /** Writes records to one file; not thread-safe. Values are {@link Values#normal normal}. */
    public interface RowWriter {
        void write(String key, Map<String, Object> fields) throws IOException;

        /** Flushes what is buffered; does not close the stream. */
        void flush() throws IOException;
    }
}
