package dev.ownstack.ingest.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.ingest.file.RecordVisitor.SourceColumn;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * JSON lines: one object per line, its keys are the columns. Nested objects and arrays are kept
 * as JSON text. Blank lines are skipped; a line that is not a JSON object is malformed. A file's
 * keys are scanned once per reader (so the columns are known before the first record) and
 * remembered while the file's size and modification time stay the same; each read then parses
 * the values. Not thread-safe: one reader belongs to one load.
 */
final class JsonLinesRecords implements RecordReader {
    private static final JsonFactory FACTORY = new JsonFactory();

    private final Map<Path, ScannedKeys> scanned = new HashMap<>();

    /** The keys of a file as of its size and modification time when scanned. */
    private record ScannedKeys(long size, FileTime modified, List<String> keys) {
    }

    @Override
    public TextTyping textTyping() {
        return TextTyping.TEMPORAL_ONLY;
    }

    @Override
    public void read(Path file, long limit, RecordVisitor visitor) {
        try {
            List<String> keys = scannedKeys(file);
            Map<String, Integer> positions = new HashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                positions.put(keys.get(i), i);
            }
            visitor.columns(keys.stream().map(key -> new SourceColumn(key, Optional.empty())).toList());
            readValues(file, limit, positions, visitor);
        } catch (IOException e) {
            throw new OwnstackException(ErrorCode.IO_FAILED, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private List<String> scannedKeys(Path file) throws IOException {
        long size = Files.size(file);
        FileTime modified = Files.getLastModifiedTime(file);
        ScannedKeys known = scanned.get(file);
        if (known == null || known.size() != size || !known.modified().equals(modified)) {
            known = new ScannedKeys(size, modified, List.copyOf(keys(file)));
            scanned.put(file, known);
        }
        return known.keys();
    }

    /** The top-level keys of every object in the file, in order of first appearance; values are skipped, not built. */
    private static Set<String> keys(Path file) throws IOException {
        Set<String> keys = new LinkedHashSet<>();
        try (BufferedReader lines = new BufferedReader(FileInput.reader(file), 1 << 16)) {
            String line;
            boolean first = true;
            while ((line = lines.readLine()) != null) {
                if (first) {
                    line = withoutByteOrderMark(line);
                    first = false;
                }
                if (line.isBlank()) {
                    continue;
                }
                try (JsonParser parser = FACTORY.createParser(line)) {
                    if (parser.nextToken() != JsonToken.START_OBJECT) {
                        continue;
                    }
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        keys.add(parser.currentName());
                        parser.nextToken();
                        parser.skipChildren();
                    }
                } catch (JsonProcessingException e) {
                    // the second pass reports the line as malformed; its keys up to the error still count
                }
            }
        }
        return keys;
    }

    private static void readValues(Path file, long limit, Map<String, Integer> positions, RecordVisitor visitor) throws IOException {
        try (BufferedReader lines = new BufferedReader(FileInput.reader(file), 1 << 16)) {
            String text;
            long line = 0;
            long count = 0;
            while (count < limit && (text = lines.readLine()) != null) {
                line++;
                if (line == 1) {
                    text = withoutByteOrderMark(text);
                }
                if (text.isBlank()) {
                    continue;
                }
                count++;
                Object[] values = new Object[positions.size()];
                String problem;
                try {
                    problem = parseObject(text, positions, values);
                } catch (JsonProcessingException e) {
                    problem = "not valid JSON: " + e.getOriginalMessage();
                }
                if (problem == null) {
                    visitor.record(line, values);
                } else {
                    visitor.malformed(line, problem, text);
                }
            }
        }
    }

    /**
     * Streams one line's object into {@code values} by key position, without building a tree:
     * nested objects and arrays are kept as their exact text. Returns why the line is not an
     * object, or null.
     */
    private static String parseObject(String text, Map<String, Integer> positions, Object[] values) throws IOException {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                return "expected a JSON object, found " + kind(first);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                Integer position = positions.get(parser.currentName());
                JsonToken token = parser.nextToken();
                if (position == null) {
                    parser.skipChildren();
                } else {
                    values[position] = value(parser, token, text);
                }
            }
            return parser.nextToken() == null ? null : "not valid JSON: more content after the object";
        }
    }

    private static String withoutByteOrderMark(String line) {
        return !line.isEmpty() && line.charAt(0) == '\uFEFF' ? line.substring(1) : line;
    }

    private static Object value(JsonParser parser, JsonToken token, String text) throws IOException {
        return switch (token) {
            case VALUE_NULL -> null;
            case VALUE_STRING -> parser.getText();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? new BigDecimal(parser.getBigIntegerValue()) : (Object) parser.getLongValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case START_OBJECT, START_ARRAY -> {
                int start = (int) parser.currentTokenLocation().getCharOffset();
                parser.skipChildren();
                int end = (int) parser.currentLocation().getCharOffset();
                yield new JsonText(text.substring(start, end));
            }
            default -> throw new JsonParseException(parser, "unexpected " + token);
        };
    }

    private static String kind(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString();
        };
    }
}
