package dev.ownstack.ingest.file;

import dev.ownstack.core.config.CsvOptions;
import dev.ownstack.core.config.FileFormat;
import java.nio.file.Path;

/**
 * Reads the records of one file format and hands them to a {@link RecordVisitor}: first the
 * file's columns, then each record with its line (CSV, JSON lines) or row number (Parquet).
 * Stateless between calls; a call reads one file on the calling thread.
 */
interface RecordReader {

    /**
     * Reads up to {@code limit} records (well formed or not) of the file. The columns reported
     * are those of the whole file, even when fewer records are read.
     *
     * @throws dev.ownstack.core.error.OwnstackException IO_FAILED when the file cannot be read;
     *         whatever the visitor throws passes through unchanged
     */
    void read(Path file, long limit, RecordVisitor visitor);

    /** How text values of this format hint at their type during inference. */
    TextTyping textTyping();

    static RecordReader of(FileFormat format, CsvOptions csv) {
        return switch (format) {
            case CSV -> new CsvRecords(csv);
            case JSONL -> new JsonLinesRecords();
            case PARQUET -> new ParquetRecords();
        };
    }

    /** Which types a text value may turn out to be when inferring. */
    enum TextTyping {
        /** CSV: text is all there is, so "42" is a number and "2024-01-31" a date. */
        ANY,
        /** JSON: numbers and booleans have their own syntax, so a string is text or a date/time. */
        TEMPORAL_ONLY,
        /** Parquet: the file declares its types; a string is a string. */
        NONE
    }
}
