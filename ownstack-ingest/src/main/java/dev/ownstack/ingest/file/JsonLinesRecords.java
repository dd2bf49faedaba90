package dev.ownstack.ingest.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final JsonFactory FACTORY = MAPPER.getFactory();

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
                JsonNode node;
                try {
                    node = MAPPER.readTree(text);
                } catch (JsonProcessingException e) {
                    visitor.malformed(line, "not valid JSON: " + e.getOriginalMessage(), text);
                    continue;
                }
                if (!node.isObject()) {
                    visitor.malformed(line, "expected a JSON object, found " + kind(node), text);
                    continue;
                }
                Object[] values = new Object[positions.size()];
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    Integer position = positions.get(field.getKey());
                    if (position != null) {
                        values[position] = value(field.getValue());
                    }
                }
                visitor.record(line, values);
            }
        }
    }

    private static String withoutByteOrderMark(String line) {
        return !line.isEmpty() && line.charAt(0) == '\uFEFF' ? line.substring(1) : line;
    }

    private static Object value(JsonNode node) {
        if (node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : new BigDecimal(node.bigIntegerValue());
        }
        if (node.isNumber()) {
            return node.isBigDecimal() ? node.decimalValue() : (Object) node.doubleValue();
        }
        return new JsonText(node.toString());
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
