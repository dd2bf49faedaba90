package dev.ownstack.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A source declared under {@code sources:} in {@code ownstack.yml}: a batch source (files, JDBC,
 * Singer) that {@code ownstack ingest} loads, or an event source that SDKs send to through the
 * collector of {@code ownstack serve}.
 */
public sealed interface SourceConfig permits SourceConfig.Files, SourceConfig.Jdbc, SourceConfig.Singer, SourceConfig.Events {

    String name();

    /**
     * Files matched by paths or globs (relative to the project folder) loaded into one table.
     * {@code format} empty means: from each file's extension.
     */
    record Files(String name, List<String> paths, Optional<FileFormat> format, TableName table, CsvOptions csv,
                 Map<String, ColumnType> columnTypes, OnError onError) implements SourceConfig {
        public Files {
            Objects.requireNonNull(name, "name");
            paths = List.copyOf(paths);
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(csv, "csv");
            columnTypes = Map.copyOf(columnTypes);
            Objects.requireNonNull(onError, "onError");
        }
    }

    /** Tables of a database read over JDBC, incrementally by a cursor column where one is given. */
    record Jdbc(String name, String url, Optional<String> user, Optional<Secret> password, List<JdbcTable> tables)
            implements SourceConfig {
        public Jdbc {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            tables = List.copyOf(tables);
        }
    }

    /**
     * One table of a JDBC source. Without a cursor every run reloads the whole table; with one, a
     * run reads rows whose cursor is at or past the last one loaded and upserts them by primary key.
     */
    record JdbcTable(String table, Optional<String> cursor, List<String> primaryKey, TableName into) {
        public JdbcTable {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(cursor, "cursor");
            primaryKey = List.copyOf(primaryKey);
            Objects.requireNonNull(into, "into");
        }
    }

    /**
     * A Singer tap: a command that prints SCHEMA, RECORD and STATE messages, run in the project
     * folder. Its configuration is written to a private file for the tap; {@link #toString()}
     * leaves it out since it usually holds credentials.
     */
    record Singer(String name, List<String> command, java.nio.file.Path workingDirectory, Optional<JsonNode> tapConfig,
                  Optional<String> catalog, String tablePrefix, OnError onError) implements SourceConfig {
        public Singer {
            Objects.requireNonNull(name, "name");
            command = List.copyOf(command);
            Objects.requireNonNull(workingDirectory, "workingDirectory");
            Objects.requireNonNull(tapConfig, "tapConfig");
            Objects.requireNonNull(catalog, "catalog");
            Objects.requireNonNull(tablePrefix, "tablePrefix");
            Objects.requireNonNull(onError, "onError");
        }

        @Override
        public String toString() {
            return "Singer[name=" + name + ", command=" + command + ", tablePrefix=" + tablePrefix + "]";
        }
    }

    /**
     * Segment-compatible event traffic: SDKs authenticate with one of the write keys (Basic auth
     * user or {@code writeKey} in the body) and their events land in {@code raw.events} with this
     * source's name. Write keys identify a source the way Segment's do: they ship inside web pages
     * and apps, so they are not secrets that grant reads; they are still left out of
     * {@link #toString()}. {@code allowedOrigins} are the browser origins CORS admits, {@code *}
     * for any.
     */
    record Events(String name, List<String> writeKeys, List<String> allowedOrigins) implements SourceConfig {
        public Events {
            Objects.requireNonNull(name, "name");
            writeKeys = List.copyOf(writeKeys);
            allowedOrigins = List.copyOf(allowedOrigins);
        }

        public boolean allowsOrigin(String origin) {
            return allowedOrigins.contains("*") || allowedOrigins.contains(origin);
        }

        @Override
        public String toString() {
            return "Events[name=" + name + ", writeKeys=" + writeKeys.size() + ", allowedOrigins=" + allowedOrigins + "]";
        }
    }
}
