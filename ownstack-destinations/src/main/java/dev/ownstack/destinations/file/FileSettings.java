package dev.ownstack.destinations.file;

import dev.ownstack.activation.destination.ConfigField;
import dev.ownstack.activation.destination.DestinationSettings;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The settings every file destination takes, whatever its storage.
 *
 * @param format         CSV or JSON lines
 * @param gzip           whether files are gzip-compressed ({@code .gz} appended to their names)
 * @param files          which files a run writes: its changes, a full snapshot, or both
 * @param keyColumn      the column holding the record's key, after the mapped fields
 * @param recordsPerFile a file holds at most this many records; more go to the next part
 * @param spoolFolder    the local folder where a run's records wait for {@code finish}
 */
public record FileSettings(RecordFormat format, boolean gzip, RunFiles files, String keyColumn, long recordsPerFile, Path spoolFolder) {
    /** Which files a run writes. */
    public enum RunFiles {
        CHANGES, SNAPSHOT, BOTH;

        public boolean changes() {
            return this != SNAPSHOT;
        }

        public boolean snapshot() {
            return this != CHANGES;
        }

        static RunFiles of(String setting) {
            return valueOf(setting.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public FileSettings {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(keyColumn, "keyColumn");
        Objects.requireNonNull(spoolFolder, "spoolFolder");
        if (recordsPerFile < 1) {
            throw new IllegalArgumentException("recordsPerFile must be at least 1, got " + recordsPerFile);
        }
    }

    /** The settings' fields, after the storage's own. */
    public static List<ConfigField> fields() {
        return List.of(
                ConfigField.choice("format", "csv", List.of("csv", "jsonl"), "File format: CSV (RFC 4180, with a header) or JSON lines."),
                ConfigField.choice("compression", "none", List.of("none", "gzip"), "Compress each file with gzip (adds .gz to its name)."),
                ConfigField.choice("files", "changes", List.of("changes", "snapshot", "both"),
                        "Per run, write the added and removed records, a full snapshot of every record, or both."),
                ConfigField.withDefault("key-column", ConfigField.Type.STRING, "key", "Name of the column holding the sync's identifier."),
                ConfigField.withDefault("records-per-file", ConfigField.Type.INTEGER, 1_000_000L,
                        "At most this many records per file; more go to the next part (-00001, ...)."),
                ConfigField.optional("spool-folder", ConfigField.Type.LOCAL_PATH,
                        "Local folder where a run's records wait until the run finishes (default: the system's temporary folder)."));
    }

    /** Reads the settings; the path of a bad value is {@code destinations.<name>.<key>}. */
    public static FileSettings of(DestinationSettings settings) {
        String prefix = "destinations." + settings.name() + ".";
        String keyColumn = settings.string("key-column");
        if (keyColumn.isBlank()) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, prefix + "key-column: must not be empty");
        }
        long recordsPerFile = settings.integer("records-per-file");
        if (recordsPerFile < 1) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, prefix + "records-per-file: must be at least 1, got " + recordsPerFile);
        }
        Path spool = settings.optionalString("spool-folder").map(Path::of)
                .orElse(Path.of(System.getProperty("java.io.tmpdir"), "ownstack-spool"));
        return new FileSettings(RecordFormat.of(settings.string("format")), "gzip".equals(settings.string("compression")),
                RunFiles.of(settings.string("files")), keyColumn, recordsPerFile, spool);
    }

    /** A file's name: {@code added-00000.csv}, {@code snapshot-00002.jsonl.gz}. */
    public String fileName(String kind, int part) {
        return String.format("%s-%05d.%s%s", kind, part, format.extension(), gzip ? ".gz" : "");
    }
}
