package dev.ownstack.destinations.file;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Reads file destinations' runs as a consumer would: every run of a sync that has a manifest, in
 * run order; a run with a snapshot replaces what came before, otherwise its added records are
 * upserted and then its removed ones removed.
 */
public final class StoredRuns {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private StoredRuns() {
    }

    /** Every regular file under the folder, by path relative to it with {@code /}. */
    public static Map<String, byte[]> folder(Path root) {
        Map<String, byte[]> files = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(path).toString().replace('\\', '/'), Files.readAllBytes(path));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** What the files of the sync say the destination holds: key → fields. */
    @SuppressWarnings("unchecked")
    public static Map<String, Map<String, Object>> records(Map<String, byte[]> files, String sync) {
        Map<Long, Map<String, Object>> manifests = new TreeMap<>();
        files.forEach((path, content) -> {
            String[] parts = path.split("/");
            if (parts.length == 3 && parts[0].equals(sync) && parts[2].equals("_manifest.json")) {
                manifests.put(Long.parseLong(parts[1]), read(content));
            }
        });
        Map<String, Map<String, Object>> state = new TreeMap<>();
        for (Map.Entry<Long, Map<String, Object>> run : manifests.entrySet()) {
            Map<String, Object> manifest = run.getValue();
            Map<String, Object> counts = (Map<String, Object>) manifest.get("counts");
            List<Map<String, Object>> listed = (List<Map<String, Object>>) manifest.get("files");
            String folder = sync + "/" + run.getKey() + "/";
            if (counts.containsKey("snapshot")) {
                state.clear();
                for (Map<String, Object> file : listed) {
                    if ("snapshot".equals(file.get("kind"))) {
                        state.putAll(records(manifest, files.get(folder + file.get("name"))));
                    }
                }
                continue;
            }
            for (String kind : List.of("added", "removed")) {
                for (Map<String, Object> file : listed) {
                    if (kind.equals(file.get("kind"))) {
                        Map<String, Map<String, Object>> records = records(manifest, files.get(folder + file.get("name")));
                        if (kind.equals("added")) {
                            state.putAll(records);
                        } else {
                            state.keySet().removeAll(records.keySet());
                        }
                    }
                }
            }
        }
        return state;
    }

    /** The records of one file, as the manifest describes its format: key → fields in file order. */
    @SuppressWarnings("unchecked")
    public static Map<String, Map<String, Object>> records(Map<String, Object> manifest, byte[] content) {
        if (content == null) {
            throw new AssertionError("a file the manifest lists is missing: " + manifest);
        }
        String text = text(content, "gzip".equals(manifest.get("compression")));
        String keyColumn = (String) manifest.get("key_column");
        Map<String, Map<String, Object>> records = new LinkedHashMap<>();
        if ("csv".equals(manifest.get("format"))) {
            List<List<String>> rows = CsvReader.rows(text);
            List<String> header = rows.get(0);
            for (List<String> row : rows.subList(1, rows.size())) {
                Map<String, Object> fields = new LinkedHashMap<>();
                for (int i = 0; i < header.size() - 1; i++) {
                    fields.put(header.get(i), row.get(i));
                }
                records.put(row.get(header.size() - 1), fields);
            }
        } else {
            for (String line : text.split("\n")) {
                Map<String, Object> fields = new LinkedHashMap<>(readJson(line));
                String key = (String) fields.remove(keyColumn);
                records.put(key, fields);
            }
        }
        return records;
    }

    /** The file's text, gunzipped when compressed. */
    public static String text(byte[] content, boolean gzip) {
        try {
            byte[] bytes = gzip ? new GZIPInputStream(new ByteArrayInputStream(content)).readAllBytes() : content;
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A manifest or other JSON object. */
    public static Map<String, Object> read(byte[] content) {
        return readJson(new String(content, StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readJson(String text) {
        try {
            return JSON.readValue(text, LinkedHashMap.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
