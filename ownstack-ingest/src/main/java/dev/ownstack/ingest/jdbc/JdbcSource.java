package dev.ownstack.ingest.jdbc;

import dev.ownstack.core.config.SourceConfig;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.TableName;
import dev.ownstack.ingest.BatchSource;
import dev.ownstack.ingest.IngestTables;
import dev.ownstack.ingest.LoadProgress;
import dev.ownstack.ingest.LoadResult;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.Warehouse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tables of a database over JDBC (PostgreSQL is the one tested), each loaded into its own
 * warehouse table.
 *
 * <p>A table without a cursor is refreshed in full: its rows are replaced in one warehouse
 * transaction. A table with a cursor is read from the last saved cursor value on
 * ({@code cursor >= saved}, so rows sharing the boundary value are never missed), in chunks of
 * {@code chunkRows}: each chunk is staged, merged into the target by primary key and committed
 * together with the chunk's greatest cursor value. A run stopped at any point therefore leaves
 * whole chunks with matching state, and the next run continues from there; rows read again at the
 * boundary are updates, never duplicates.
 */
public final class JdbcSource implements BatchSource {
    public static final int DEFAULT_CHUNK_ROWS = 100_000;
    private static final int FETCH_SIZE = 10_000;
    private static final int PROGRESS_EVERY = 1_000;

    private final SourceConfig.Jdbc config;
    private final SourceDatabase database;
    private final int chunkRows;

    public JdbcSource(SourceConfig.Jdbc config) {
        this(config, DEFAULT_CHUNK_ROWS);
    }

    /** A source committing incremental tables every {@code chunkRows} rows. */
    public JdbcSource(SourceConfig.Jdbc config, int chunkRows) {
        this.config = java.util.Objects.requireNonNull(config, "config");
        if (chunkRows < 1) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "chunk rows must be at least 1, got " + chunkRows);
        }
        this.database = new SourceDatabase(config);
        this.chunkRows = chunkRows;
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public LoadResult load(Warehouse warehouse, LoadProgress progress) {
        Instant started = Instant.now();
        Map<String, Long> rowsByTable = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        RowCounter counter = new RowCounter(config.name(), progress);
        Connection connection = database.connect();
        try {
            for (SourceConfig.JdbcTable table : config.tables()) {
                TableLoad load = new TableLoad(connection, table, warehouse, counter);
                long rows = load.run();
                rowsByTable.merge(table.into().toString(), rows, Long::sum);
                notes.add(load.note());
            }
        } finally {
            close(connection);
        }
        return new LoadResult(config.name(), rowsByTable, 0, notes, Duration.between(started, Instant.now()));
    }

    private static void close(Connection connection) {
        try {
            connection.rollback();
            connection.close();
        } catch (SQLException e) {
            // only read; nothing to lose when the close of a read connection fails
        }
    }

    /** Counts rows for the whole source and tells the progress listener every so often. */
    private static final class RowCounter {
        private final String source;
        private final LoadProgress progress;
        private long rows;

        RowCounter(String source, LoadProgress progress) {
            this.source = source;
            this.progress = progress;
        }

        void add(String table) {
            rows++;
            if (rows % PROGRESS_EVERY == 0) {
                progress.update(source, table, rows);
            }
        }

        void report(String table) {
            progress.update(source, table, rows);
        }
    }

    /** One configured table's load. */
    private final class TableLoad {
        private final Connection connection;
        private final SourceConfig.JdbcTable table;
        private final Warehouse warehouse;
        private final RowCounter counter;
        private String note = "";

        TableLoad(Connection connection, SourceConfig.JdbcTable table, Warehouse warehouse, RowCounter counter) {
            this.connection = connection;
            this.table = table;
            this.warehouse = warehouse;
            this.counter = counter;
        }

        String note() {
            return note;
        }

        long run() {
            SourceTable source;
            try {
                source = SourceTable.discover(connection, table.table(), config.name());
            } catch (SQLException e) {
                throw database.failure("cannot read the catalog of table '" + table.table() + "' in source '" + config.name() + "'", e);
            }
            Optional<SourceColumn> cursor = table.cursor().map(name -> source.column(name, "cursor", config.name()));
            List<String> keys = table.primaryKey().stream()
                    .map(name -> source.column(name, "primary-key", config.name()).targetName()).toList();
            cursor.ifPresent(column -> {
                if (!CursorState.isCursorType(column.type())) {
                    throw new OwnstackException(ErrorCode.CONFIG_INVALID, "source '" + config.name() + "', table '" + table.table()
                            + "': cursor column '" + column.sourceName() + "' has type " + column.sourceTypeName()
                            + "; use an integer, numeric, date, timestamp or text column");
                }
            });
            List<Column> present = warehouse.ensureTable(table.into(), source.columns().stream().map(SourceColumn::column).toList(), List.of());
            List<Column> columns = source.columns().stream().map(column -> present.stream()
                    .filter(existing -> existing.name().equalsIgnoreCase(column.targetName())).findFirst()
                    .orElse(column.column())).toList();
            try {
                return cursor.isPresent() ? incremental(source, cursor.get(), columns, keys) : fullRefresh(source, columns);
            } catch (SQLException e) {
                throw database.failure("cannot read table '" + table.table() + "' of source '" + config.name() + "'", e);
            }
        }

        private long fullRefresh(SourceTable source, List<Column> columns) throws SQLException {
            String sql = "SELECT " + source.selectList() + " FROM " + source.sql();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setFetchSize(FETCH_SIZE);
                try (ResultSet rows = statement.executeQuery()) {
                    RowReader reader = new RowReader(rows, source, Optional.empty());
                    long loaded = warehouse.inTransaction(w -> {
                        w.execute("DELETE FROM " + w.dialect().table(table.into()));
                        return copy(reader, w, table.into(), columns, Long.MAX_VALUE);
                    });
                    counter.report(table.table());
                    note = table.table() + ": full refresh, " + loaded + " rows";
                    return loaded;
                }
            } finally {
                connection.rollback();
            }
        }

        private long incremental(SourceTable source, SourceColumn cursor, List<Column> columns, List<String> keys) throws SQLException {
            Optional<CursorState> saved = IngestTables.state(warehouse, config.name(), table.table()).flatMap(CursorState::parse)
                    .filter(state -> state.cursor().equals(cursor.sourceName()) && state.type() == cursor.type());
            String column = source.quoted(cursor.sourceName());
            String sql = "SELECT " + source.selectList() + " FROM " + source.sql()
                    + (saved.isPresent() ? " WHERE " + column + " IS NULL OR " + column + " >= ?" : "")
                    + " ORDER BY " + column + " NULLS LAST";
            TableName stage = IngestTables.stagingTable(table.into());
            List<String> names = columns.stream().map(Column::name).toList();
            long before = count(table.into());
            long read = 0;
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setFetchSize(FETCH_SIZE);
                if (saved.isPresent()) {
                    statement.setObject(1, saved.get().value());
                }
                try (ResultSet rows = statement.executeQuery()) {
                    RowReader reader = new RowReader(rows, source, Optional.of(cursor));
                    while (!reader.exhausted()) {
                        read += warehouse.inTransaction(w -> {
                            w.execute("DROP TABLE IF EXISTS " + w.dialect().table(stage));
                            w.execute(w.dialect().createTableIfNotExists(stage, columns, List.of()));
                            long chunk = copy(reader, w, stage, columns, chunkRows);
                            if (chunk > 0) {
                                w.merge(table.into(), stage, names, keys);
                            }
                            w.execute("DROP TABLE " + w.dialect().table(stage));
                            reader.lastCursor().ifPresent(value -> IngestTables.saveState(w, config.name(), table.table(),
                                    new CursorState(cursor.sourceName(), cursor.type(), value).toJson()));
                            return chunk;
                        });
                        counter.report(table.table());
                    }
                }
            } finally {
                connection.rollback();
            }
            long added = count(table.into()) - before;
            note = table.table() + ": " + read + " rows read" + saved.map(state -> " from " + state.cursor() + " >= " + state.value()).orElse("")
                    + ", " + added + " new, " + (read - added) + " updated";
            return read;
        }

        private long copy(RowReader reader, Warehouse w, TableName into, List<Column> columns, long limit) {
            long written = 0;
            try (RowWriter writer = w.append(into, columns.stream().map(Column::name).toList())) {
                while (written < limit && reader.next()) {
                    writer.write(reader.row());
                    written++;
                    counter.add(table.table());
                }
            }
            return written;
        }

        private long count(TableName target) {
            return ((Number) warehouse.queryAll("SELECT count(*) FROM " + warehouse.dialect().table(target)).singleValue()).longValue();
        }
    }

    /** Reads source rows one at a time, remembering the last non-null cursor value (rows come ordered by it). */
    private final class RowReader {
        private final ResultSet rows;
        private final List<SourceColumn> columns;
        private final int cursorIndex;
        private Object lastCursor;
        private Object[] row;
        private boolean exhausted;

        RowReader(ResultSet rows, SourceTable source, Optional<SourceColumn> cursor) {
            this.rows = rows;
            this.columns = source.columns();
            this.cursorIndex = cursor.map(columns::indexOf).orElse(-1);
        }

        boolean next() {
            if (exhausted) {
                return false;
            }
            try {
                if (!rows.next()) {
                    exhausted = true;
                    return false;
                }
                row = new Object[columns.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = columns.get(i).read(rows, i + 1);
                }
            } catch (SQLException e) {
                throw database.failure("cannot read a row of source '" + config.name() + "'", e);
            }
            if (cursorIndex >= 0 && row[cursorIndex] != null) {
                lastCursor = row[cursorIndex];
            }
            return true;
        }

        Object[] row() {
            return row;
        }

        boolean exhausted() {
            return exhausted;
        }

        Optional<Object> lastCursor() {
            return Optional.ofNullable(lastCursor);
        }
    }
}
