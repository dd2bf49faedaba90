package dev.ownstack.destinations.file;

import java.util.ArrayList;
import java.util.List;

/** A strict RFC 4180 reader for tests: an empty unquoted field is null, {@code ""} is empty text. */
public final class CsvReader {
    private CsvReader() {
    }

    /** The rows of the text (LF or CRLF line ends; the last line ends with one). */
    public static List<List<String>> rows(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            String field;
            if (text.charAt(i) == '"') {
                StringBuilder quoted = new StringBuilder();
                i++;
                while (true) {
                    if (i >= text.length()) {
                        throw new IllegalArgumentException("unterminated quoted field in " + text);
                    }
                    char c = text.charAt(i++);
                    if (c == '"') {
                        if (i < text.length() && text.charAt(i) == '"') {
                            quoted.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        quoted.append(c);
                    }
                }
                field = quoted.toString();
            } else {
                int start = i;
                while (i < text.length() && text.charAt(i) != ',' && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                    if (text.charAt(i) == '"') {
                        throw new IllegalArgumentException("a quote inside an unquoted field at " + i);
                    }
                    i++;
                }
                field = i == start ? null : text.substring(start, i);
            }
            row.add(field);
            if (i >= text.length()) {
                throw new IllegalArgumentException("the last line has no line end");
            }
            char end = text.charAt(i++);
            if (end == '\r') {
                if (i >= text.length() || text.charAt(i) != '\n') {
                    throw new IllegalArgumentException("a CR without LF at " + i);
                }
                i++;
                end = '\n';
            }
            if (end == '\n') {
                rows.add(row);
                row = new ArrayList<>();
            } else if (end != ',') {
                throw new IllegalArgumentException("unexpected " + end + " after a field at " + i);
            }
        }
        return rows;
    }
}
