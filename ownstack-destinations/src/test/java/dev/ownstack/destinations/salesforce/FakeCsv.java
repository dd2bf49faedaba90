package dev.ownstack.destinations.salesforce;

import java.util.ArrayList;
import java.util.List;

/** The fake org's own CSV reading and writing (RFC 4180 with LF lines), apart from the connector's. */
final class FakeCsv {
    private FakeCsv() {
    }

    static String quote(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    static List<List<String>> rows(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int i = 0;
        boolean pending = false;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' && cell.length() == 0) {
                int end = i + 1;
                while (true) {
                    int quote = text.indexOf('"', end);
                    if (quote < 0) {
                        throw new IllegalArgumentException("unclosed quote at " + i);
                    }
                    if (quote + 1 < text.length() && text.charAt(quote + 1) == '"') {
                        cell.append(text, end, quote).append('"');
                        end = quote + 2;
                    } else {
                        cell.append(text, end, quote);
                        i = quote + 1;
                        break;
                    }
                }
                pending = true;
                continue;
            }
            if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
                pending = true;
            } else if (c == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                pending = false;
            } else if (c == '\r') {
                throw new IllegalArgumentException("a CR in an unquoted cell: the job's lineEnding is LF");
            } else {
                cell.append(c);
                pending = true;
            }
            i++;
        }
        if (pending) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }
}
