package dev.ownstack.ingest.file;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.ErrorKind;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.ingest.file.RecordVisitor.SourceColumn;
import dev.ownstack.warehouse.ResultColumn;
import dev.ownstack.warehouse.RowHandler;
import dev.ownstack.warehouse.duckdb.DuckDbDialect;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Parquet files, read by an in-memory DuckDB ({@code read_parquet}) and streamed row by row: no
 * Hadoop. Column types come from the file's schema; nested columns (struct, list, map) arrive as
 * JSON text. The "line" of a row is its position in the file, counting from 1.
 */
final class ParquetRecords implements RecordReader {

    @Override
    public TextTyping textTyping() {
        return TextTyping.NONE;
    }

    @Override
    public void read(Path file, long limit, RecordVisitor visitor) {
        String path = file.toAbsolutePath().toString();
        try (DuckDbWarehouse duckDb = DuckDbWarehouse.inMemory()) {
            List<ResultColumn> schema = duckDb.queryAll("SELECT * FROM read_parquet(?) LIMIT 0", path).columns();
            List<SourceColumn> columns = new ArrayList<>();
            List<String> selections = new ArrayList<>();
            for (ResultColumn column : schema) {
                boolean nested = isNested(column.engineType());
                ColumnType type = nested ? ColumnType.JSON : DuckDbDialect.INSTANCE.logicalType(column.engineType());
                columns.add(new SourceColumn(column.name(), Optional.of(type)));
                String quoted = quoteFileColumn(column.name());
                selections.add(nested ? "CAST(to_json(" + quoted + ") AS VARCHAR)" : quoted);
            }
            visitor.columns(columns);
            if (limit <= 0 || columns.isEmpty()) {
                return;
            }
            String sql = "SELECT " + String.join(", ", selections) + " FROM read_parquet(?)"
                    + (limit < Long.MAX_VALUE ? " LIMIT " + limit : "");
            duckDb.query(sql, List.of(path), new Rows(columns, visitor));
        } catch (OwnstackException e) {
            if (e.kind() == ErrorKind.EXTERNAL && e.code() == ErrorCode.WAREHOUSE_FAILED) {
                throw new OwnstackException(ErrorCode.IO_FAILED, "cannot read Parquet file " + file + ": " + e.getMessage(), e);
            }
            throw e;
        }
    }

    private static boolean isNested(String engineType) {
        String type = engineType.toUpperCase(Locale.ROOT);
        return type.startsWith("STRUCT") || type.startsWith("MAP") || type.startsWith("UNION") || type.endsWith("]");
    }

    /**
     * Quotes a column name taken from the file's own schema. Such names need not be ownstack
     * identifiers ("Customer ID"), so the dialect's checked quoting does not apply; doubling
     * embedded quotes is DuckDB's escaping for quoted identifiers.
     */
    private static String quoteFileColumn(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static final class Rows implements RowHandler {
        private final boolean[] json;
        private final RecordVisitor visitor;
        private long row;

        Rows(List<SourceColumn> columns, RecordVisitor visitor) {
            this.json = new boolean[columns.size()];
            for (int i = 0; i < json.length; i++) {
                json[i] = columns.get(i).declaredType().orElseThrow() == ColumnType.JSON;
            }
            this.visitor = visitor;
        }

        @Override
        public void columns(List<ResultColumn> columns) {
            // known from the schema query
        }

        @Override
        public void row(Object[] values) {
            row++;
            for (int i = 0; i < json.length; i++) {
                if (json[i] && values[i] != null) {
                    values[i] = new JsonText(values[i].toString());
                }
            }
            visitor.record(row, values);
        }
    }
}
