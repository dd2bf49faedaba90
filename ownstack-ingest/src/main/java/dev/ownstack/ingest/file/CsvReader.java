package dev.ownstack.ingest.file;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * A streaming RFC 4180 reader: quoted fields may hold delimiters, doubled quotes and line breaks;
 * records end with LF, CRLF or CR; a leading byte order mark is dropped. Each record knows the
 * physical line it starts on. Lenient where files in the wild are: a quote inside an unquoted
 * field is kept as text. Empty lines are skipped. Not thread-safe.
 */
public final class CsvReader implements Closeable {
    private static final int BUFFER_SIZE = 1 << 16;

    private final Reader reader;
    private final char delimiter;
    private final char quote;
    private final char[] buffer = new char[BUFFER_SIZE];
    private final StringBuilder pending = new StringBuilder();
    private int position;
    private int limit;
    private boolean endOfInput;
    private long line = 1;
    private long recordLine;
    private String[] fields = new String[16];
    private boolean[] quoted = new boolean[16];
    private int fieldCount;
    private String problem;

    public CsvReader(Reader reader, char delimiter, char quote) throws IOException {
        this.reader = reader;
        this.delimiter = delimiter;
        this.quote = quote;
        if (fill() && buffer[0] == '\uFEFF') {
            position = 1;
        }
    }

    /** Reads the next non-empty record; false at the end of the input. */
    public boolean next() throws IOException {
        while (true) {
            if (!available()) {
                return false;
            }
            fieldCount = 0;
            problem = null;
            recordLine = line;
            while (readField()) {
                // a delimiter: another field follows
            }
            boolean emptyLine = fieldCount == 1 && !quoted[0] && fields[0].isEmpty();
            if (!emptyLine) {
                return true;
            }
        }
    }

    /** The line the current record starts on, counting from 1. */
    public long line() {
        return recordLine;
    }

    public int fieldCount() {
        return fieldCount;
    }

    public String field(int index) {
        return fields[index];
    }

    /** Whether the field was quoted: a quoted field is text even when it looks like a null value. */
    public boolean quoted(int index) {
        return quoted[index];
    }

    /** What is malformed about the current record, or null when it is well formed. */
    public String problem() {
        return problem;
    }

    /** Reads one field; true when a delimiter follows it, false at the end of the record or input. */
    private boolean readField() throws IOException {
        if (!available()) {
            add("", false);
            return false;
        }
        if (buffer[position] == quote) {
            position++;
            return readQuoted();
        }
        int start = position;
        pending.setLength(0);
        boolean spansBuffers = false;
        while (true) {
            while (position < limit) {
                char c = buffer[position];
                if (c == delimiter || c == '\n' || c == '\r') {
                    String value = spansBuffers ? pending.append(buffer, start, position - start).toString()
                            : new String(buffer, start, position - start);
                    add(value, false);
                    position++;
                    if (c == delimiter) {
                        return true;
                    }
                    endOfLine(c);
                    return false;
                }
                position++;
            }
            pending.append(buffer, start, position - start);
            spansBuffers = true;
            if (!fill()) {
                add(pending.toString(), false);
                return false;
            }
            start = position;
        }
    }

    private boolean readQuoted() throws IOException {
        pending.setLength(0);
        long openedOn = line;
        int start = position;
        while (true) {
            if (position >= limit) {
                pending.append(buffer, start, position - start);
                if (!fill()) {
                    problem = "a quoted field opened on line " + openedOn + " is never closed";
                    add(pending.toString(), true);
                    return false;
                }
                start = position;
            }
            char c = buffer[position];
            if (c == quote) {
                pending.append(buffer, start, position - start);
                position++;
                if (!available()) {
                    add(pending.toString(), true);
                    return false;
                }
                char next = buffer[position];
                if (next == quote) {
                    pending.append(quote);
                    position++;
                    start = position;
                    continue;
                }
                return afterClosingQuote();
            }
            position++;
            if (c == '\n') {
                line++;
            } else if (c == '\r') {
                pending.append(buffer, start, position - start);
                if (!available() || buffer[position] != '\n') {
                    line++;
                }
                start = position;
            }
        }
    }

    /** After a closing quote comes a delimiter or a line break; other text is kept but makes the record malformed. */
    private boolean afterClosingQuote() throws IOException {
        while (available()) {
            char c = buffer[position];
            if (c == delimiter) {
                position++;
                add(pending.toString(), true);
                return true;
            }
            if (c == '\n' || c == '\r') {
                position++;
                add(pending.toString(), true);
                endOfLine(c);
                return false;
            }
            if (problem == null) {
                problem = "text after the closing quote of field " + (fieldCount + 1);
            }
            pending.append(c);
            position++;
        }
        add(pending.toString(), true);
        return false;
    }

    private void endOfLine(char terminator) throws IOException {
        if (terminator == '\r' && available() && buffer[position] == '\n') {
            position++;
        }
        line++;
    }

    private void add(String value, boolean wasQuoted) {
        if (fieldCount == fields.length) {
            fields = Arrays.copyOf(fields, fieldCount * 2);
            quoted = Arrays.copyOf(quoted, fieldCount * 2);
        }
        fields[fieldCount] = value;
        quoted[fieldCount] = wasQuoted;
        fieldCount++;
    }

    private boolean available() throws IOException {
        return position < limit || fill();
    }

    private boolean fill() throws IOException {
        if (endOfInput) {
            return false;
        }
        int read;
        do {
            read = reader.read(buffer, 0, buffer.length);
        } while (read == 0);
        if (read < 0) {
            endOfInput = true;
            position = 0;
            limit = 0;
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
