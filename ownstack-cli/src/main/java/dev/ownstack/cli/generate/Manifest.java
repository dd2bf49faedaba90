package dev.ownstack.cli.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * manifest.json, written last: its presence says the directory holds a complete run. It holds no
 * timings, so it is as reproducible as the data files.
 */
final class Manifest {

    static final String FILE_NAME = "manifest.json";

    private Manifest() {
    }

    /** Removes the manifest of an earlier run first, so a run that fails midway is not taken for complete. */
    static void removeFrom(Path directory) {
        Path manifest = directory.resolve(FILE_NAME);
        try {
            Files.deleteIfExists(manifest);
        } catch (IOException e) {
            throw GeneratorErrors.cannot("delete", manifest, e);
        }
    }

    static void write(Path directory, GeneratorOptions options, Map<String, Long> rowsByFile, long totalRows) {
        StringBuilder json = new StringBuilder(512);
        json.append("{\n  \"generator\": \"ownstack generate\",\n  \"format_version\": 1,\n");
        json.append("  \"seed\": ").append(options.seed()).append(",\n");
        json.append("  \"customers\": ").append(options.customers()).append(",\n");
        json.append("  \"window\": {\"start\": \"").append(ReferenceWindow.START).append("\", \"end\": \"")
                .append(ReferenceWindow.END).append("\"},\n");
        json.append("  \"rows\": {");
        String separator = "\n";
        for (Map.Entry<String, Long> entry : rowsByFile.entrySet()) {
            json.append(separator).append("    ");
            JsonLine.appendString(json, entry.getKey());
            json.append(": ").append(entry.getValue());
            separator = ",\n";
        }
        json.append("\n  },\n  \"total_rows\": ").append(totalRows).append("\n}\n");
        Path temporary = directory.resolve(FILE_NAME + ".tmp");
        Path target = directory.resolve(FILE_NAME);
        try {
            Files.writeString(temporary, json, StandardCharsets.UTF_8);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw GeneratorErrors.cannot("write", target, e);
        }
    }
}
