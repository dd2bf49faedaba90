package dev.ownstack.cli.generate;

/**
 * Writes one JSON object per line (JSON Lines) into an {@link OutputFile} without an object
 * model: fields are appended in call order, strings escaped per RFC 8259. An absent value is
 * written by not calling the field method, so readers see a missing key rather than null.
 */
final class JsonLine {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int MAXIMUM_DEPTH = 8;

    private final OutputFile file;
    private final boolean[] firstInScope = new boolean[MAXIMUM_DEPTH];
    private StringBuilder row;
    private int depth;

    JsonLine(OutputFile file) {
        this.file = file;
    }

    JsonLine start() {
        row = file.startRow();
        row.append('{');
        depth = 0;
        firstInScope[0] = true;
        return this;
    }

    JsonLine text(String name, String value) {
        key(name);
        appendString(row, value);
        return this;
    }

    /** Skips the field when the value is empty: that is how a source leaves a field out. */
    JsonLine optionalText(String name, String value) {
        return value.isEmpty() ? this : text(name, value);
    }

    JsonLine number(String name, long value) {
        key(name);
        row.append(value);
        return this;
    }

    JsonLine money(String name, long minorUnits) {
        key(name);
        Money.append(row, minorUnits);
        return this;
    }

    JsonLine timestamp(String name, long epochMillis) {
        key(name);
        row.append('"');
        ReferenceWindow.appendIso(row, epochMillis);
        row.append('"');
        return this;
    }

    JsonLine startObject(String name) {
        key(name);
        row.append('{');
        firstInScope[++depth] = true;
        return this;
    }

    JsonLine endObject() {
        row.append('}');
        depth--;
        return this;
    }

    JsonLine startArray(String name) {
        key(name);
        row.append('[');
        firstInScope[++depth] = true;
        return this;
    }

    /** Starts an object that is an element of the enclosing array. */
    JsonLine startElement() {
        separate();
        row.append('{');
        firstInScope[++depth] = true;
        return this;
    }

    JsonLine endArray() {
        row.append(']');
        depth--;
        return this;
    }

    void end() {
        if (depth != 0) {
            throw new IllegalStateException("unclosed JSON scope, depth " + depth);
        }
        row.append('}');
        file.endRow();
        row = null;
    }

    /** For values that never need escaping (ids, fixed words): saves scanning them. */
    JsonLine plainText(String name, String value) {
        key(name);
        row.append('"').append(value).append('"');
        return this;
    }

    /** Appends fields rendered elsewhere, such as a product's, into the object being written. */
    JsonLine fields(String renderedFields) {
        separate();
        row.append(renderedFields);
        return this;
    }

    /** Appends a value written elsewhere as JSON, such as a device's context built once per device. */
    JsonLine raw(String name, String json) {
        key(name);
        row.append(json);
        return this;
    }

    static void appendString(StringBuilder target, String value) {
        int clean = 0;
        while (clean < value.length()) {
            char character = value.charAt(clean);
            if (character == '"' || character == '\\' || character < 0x20) {
                break;
            }
            clean++;
        }
        target.append('"');
        // Most values need no escaping and are copied in one go.
        target.append(value, 0, clean);
        for (int index = clean; index < value.length(); index++) {
            char character = value.charAt(index);
            switch (character) {
                case '"' -> target.append("\\\"");
                case '\\' -> target.append("\\\\");
                case '\n' -> target.append("\\n");
                case '\r' -> target.append("\\r");
                case '\t' -> target.append("\\t");
                default -> {
                    if (character < 0x20) {
                        target.append("\\u00").append(HEX[character >> 4]).append(HEX[character & 0xF]);
                    } else {
                        target.append(character);
                    }
                }
            }
        }
        target.append('"');
    }

    static String quoted(String value) {
        StringBuilder text = new StringBuilder(value.length() + 2);
        appendString(text, value);
        return text.toString();
    }

    /** Field names are constants in the code, never data, so they are written without escaping. */
    private void key(String name) {
        separate();
        row.append('"').append(name).append("\":");
    }

    private void separate() {
        if (firstInScope[depth]) {
            firstInScope[depth] = false;
        } else {
            row.append(',');
        }
    }
}
