package dev.ownstack.cli.output;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints rows as a table, CSV or JSON while they stream. The table form measures column widths on
 * the first rows it buffers, then streams the rest with those widths (long cells are cut with …).
 */
public final class TablePrinter {
    private static final int MEASURED_ROWS = 500;
    private static final int MAX_CELL = 48;
    private static final DateTimeFormatter TIMESTAMP = new java.time.format.DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(java.time.temporal.ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    private final OutputFormat format;
    private final PrintWriter out;
    private List<String> columns = List.of();
    private final List<String[]> buffered = new ArrayList<>();
    private int[] widths;
    private long rows;

    public TablePrinter(OutputFormat format, PrintWriter out) {
        this.format = format;
        this.out = out;
    }

    public void columns(List<String> names) {
        this.columns = List.copyOf(names);
        switch (format) {
            case CSV -> out.println(csvLine(names.toArray(String[]::new)));
            case JSON -> out.print("[");
            case TABLE -> { }
        }
    }

    public void row(Object[] values) {
        rows++;
        switch (format) {
            case CSV -> {
                String[] cells = new String[values.length];
                for (int i = 0; i < values.length; i++) {
                    cells[i] = values[i] == null ? null : text(values[i]);
                }
                out.println(csvLine(cells));
            }
            case JSON -> {
                out.print(rows == 1 ? "\n  {" : ",\n  {");
                for (int i = 0; i < values.length; i++) {
                    out.print((i == 0 ? "" : ", ") + jsonString(columns.get(i)) + ": " + jsonValue(values[i]));
                }
                out.print("}");
            }
            case TABLE -> {
                String[] cells = new String[values.length];
                for (int i = 0; i < values.length; i++) {
                    cells[i] = cell(values[i]);
                }
                if (widths == null) {
                    buffered.add(cells);
                    if (buffered.size() >= MEASURED_ROWS) {
                        printHeaderAndBuffer();
                    }
                } else {
                    printRow(cells);
                }
            }
        }
    }

    /** Ends the output; the table form adds a row count. */
    public void finish() {
        switch (format) {
            case CSV -> { }
            case JSON -> out.println(rows == 0 ? "]" : "\n]");
            case TABLE -> {
                if (widths == null) {
                    printHeaderAndBuffer();
                }
                out.println("(" + rows + (rows == 1 ? " row)" : " rows)"));
            }
        }
        out.flush();
    }

    /** Ends a JSON array without a line break, for an array inside a larger document. */
    void finishInline() {
        if (format != OutputFormat.JSON) {
            throw new IllegalStateException("finishInline is for JSON output");
        }
        out.print(rows == 0 ? "]" : "\n]");
    }

    public long rowCount() {
        return rows;
    }

    private void printHeaderAndBuffer() {
        widths = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            widths[i] = Math.min(MAX_CELL, columns.get(i).length());
        }
        for (String[] cells : buffered) {
            for (int i = 0; i < cells.length && i < widths.length; i++) {
                widths[i] = Math.max(widths[i], cells[i].length());
            }
        }
        printRow(columns.stream().map(TablePrinter::cut).toArray(String[]::new));
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            rule.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
        }
        out.println(rule);
        buffered.forEach(this::printRow);
        buffered.clear();
    }

    private void printRow(String[] cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            String cell = i < cells.length ? cut(cells[i]) : "";
            line.append(i == 0 ? "" : " | ").append(cell).append(" ".repeat(Math.max(0, widths[i] - cell.length())));
        }
        out.println(line.toString().stripTrailing());
    }

    private static String cell(Object value) {
        return value == null ? "NULL" : cut(text(value).replace('\n', ' ').replace('\r', ' '));
    }

    private static String cut(String text) {
        return text.length() <= MAX_CELL ? text : text.substring(0, MAX_CELL - 1) + "…";
    }

    /** The text of a value: timestamps with a space, decimals without exponent. */
    public static String text(Object value) {
        if (value instanceof LocalDateTime timestamp) {
            return TIMESTAMP.format(timestamp);
        }
        if (value instanceof OffsetDateTime timestamp) {
            return TIMESTAMP.format(timestamp) + timestamp.getOffset();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return String.valueOf(value);
    }

    static String csvLine(String[] cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            String cell = cells[i];
            if (cell == null) {
                continue;
            }
            if (cell.isEmpty() || cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) {
                line.append('"').append(cell.replace("\"", "\"\"")).append('"');
            } else {
                line.append(cell);
            }
        }
        return line.toString();
    }

    private static String jsonValue(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Boolean || value instanceof Long || value instanceof Integer || value instanceof BigDecimal) {
            return text(value);
        }
        if (value instanceof Double number) {
            return number.isNaN() || number.isInfinite() ? jsonString(number.toString()) : number.toString();
        }
        return jsonString(text(value));
    }

    static String jsonString(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
