package dev.ownstack.cli.generate;

/**
 * Writes one CSV record (RFC 4180) into an {@link OutputFile}: comma separated, a field quoted
 * only when it holds a comma, quote, CR or LF, quotes doubled inside. An absent value is an empty
 * field.
 */
final class CsvLine {

    private final OutputFile file;
    private StringBuilder row;
    private boolean firstField;

    CsvLine(OutputFile file) {
        this.file = file;
    }

    CsvLine start() {
        row = file.startRow();
        firstField = true;
        return this;
    }

    CsvLine text(String value) {
        separate();
        if (needsQuotes(value)) {
            row.append('"');
            for (int index = 0; index < value.length(); index++) {
                char character = value.charAt(index);
                if (character == '"') {
                    row.append('"');
                }
                row.append(character);
            }
            row.append('"');
        } else {
            row.append(value);
        }
        return this;
    }

    /** A field already quoted as needed, such as a product name prepared once per product. */
    CsvLine prepared(String field) {
        separate();
        row.append(field);
        return this;
    }

    CsvLine number(long value) {
        separate();
        row.append(value);
        return this;
    }

    /** Pence (or cents) as a decimal amount with two places: {@code -1234} becomes {@code -12.34}. */
    CsvLine money(long minorUnits) {
        separate();
        Money.append(row, minorUnits);
        return this;
    }

    CsvLine timestamp(long epochMillis) {
        separate();
        ReferenceWindow.appendIso(row, epochMillis);
        return this;
    }

    CsvLine bool(boolean value) {
        separate();
        row.append(value);
        return this;
    }

    void end() {
        file.endRow();
        row = null;
    }

    static boolean needsQuotes(String value) {
        for (int index = 0; index < value.length(); index++) {
            char character = value.charAt(index);
            if (character == ',' || character == '"' || character == '\n' || character == '\r') {
                return true;
            }
        }
        return false;
    }

    private void separate() {
        if (firstField) {
            firstField = false;
        } else {
            row.append(',');
        }
    }
}
