package dev.ownstack.cli.generate;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 4180 reader for tests, written independently of {@link CsvLine}: it rejects a quote
 * inside an unquoted field, text after a closing quote, an unterminated quote and a row whose
 * field count differs from the header's.
 */
final class CsvTable {

    private final List<String> header;
    private final Map<String, Integer> columns = new HashMap<>();
    private final List<List<String>> rows;

    private CsvTable(List<String> header, List<List<String>> rows) {
        this.header = List.copyOf(header);
        this.rows = rows;
        for (int index = 0; index < header.size(); index++) {
            columns.put(header.get(index), index);
        }
    }

    static CsvTable read(Path path) {
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            List<List<String>> records = parse(reader, path);
            if (records.isEmpty()) {
                throw new IllegalStateException(path + " has no header");
            }
            List<String> header = records.get(0);
            List<List<String>> rows = records.subList(1, records.size());
            for (int index = 0; index < rows.size(); index++) {
                if (rows.get(index).size() != header.size()) {
                    throw new IllegalStateException(path + " row " + (index + 1) + " has " + rows.get(index).size()
                            + " fields, the header " + header.size() + ": " + rows.get(index));
                }
            }
            return new CsvTable(header, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<List<String>> parse(Reader reader, Object source) throws IOException {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean afterClosingQuote = false;
        boolean atFieldStart = true;
        long line = 1;
        int next;
        while ((next = reader.read()) != -1) {
            char character = (char) next;
            if (quoted) {
                if (character == '"') {
                    reader.mark(1);
                    int following = reader.read();
                    if (following == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        afterClosingQuote = true;
                        if (following != -1) {
                            reader.reset();
                        }
                    }
                } else {
                    if (character == '\n') {
                        line++;
                    }
                    field.append(character);
                }
            } else if (character == ',') {
                record.add(field.toString());
                field.setLength(0);
                afterClosingQuote = false;
                atFieldStart = true;
            } else if (character == '\n') {
                record.add(field.toString());
                records.add(record);
                record = new ArrayList<>();
                field.setLength(0);
                afterClosingQuote = false;
                atFieldStart = true;
                line++;
            } else if (afterClosingQuote) {
                throw new IllegalStateException(source + " line " + line + ": text after a closing quote");
            } else if (character == '"') {
                if (!atFieldStart) {
                    throw new IllegalStateException(source + " line " + line + ": quote inside an unquoted field");
                }
                quoted = true;
                atFieldStart = false;
            } else if (character == '\r') {
                throw new IllegalStateException(source + " line " + line + ": bare carriage return");
            } else {
                field.append(character);
                atFieldStart = false;
            }
        }
        if (quoted) {
            throw new IllegalStateException(source + ": unterminated quoted field");
        }
        if (!record.isEmpty() || field.length() > 0) {
            throw new IllegalStateException(source + ": last record does not end with a newline");
        }
        return records;
    }

    List<String> header() {
        return header;
    }

    List<List<String>> rows() {
        return rows;
    }

    int size() {
        return rows.size();
    }

    String value(List<String> row, String column) {
        Integer index = columns.get(column);
        if (index == null) {
            throw new IllegalArgumentException("no column " + column + " in " + header);
        }
        return row.get(index);
    }

    List<String> column(String name) {
        List<String> values = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            values.add(value(row, name));
        }
        return values;
    }
}
