package dev.ownstack.model.master;

import dev.ownstack.core.config.ConfigProblems;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.Identifiers;
import dev.ownstack.model.traits.Expressions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The columns of a source table that a model keeps next to its own: every column the model does
 * not already read, TIMESTAMPTZ turned into TIMESTAMP at UTC like the model's own times, named
 * {@code source_<name>} when the model has a column of that name.
 */
final class KeptColumns {
    private final List<String> select = new ArrayList<>();
    private final List<Column> columns = new ArrayList<>();

    private KeptColumns() {
    }

    /**
     * @param read         the source columns the model reads into its own columns (left out)
     * @param modelColumns the model's own columns, which kept columns must not shadow
     * @param times        columns turned into TIMESTAMP whatever their type (text read as ISO-8601)
     * @param path         the configuration path to name in a problem
     */
    static KeptColumns of(Expressions sql, String alias, SourceTable table, Set<String> read, List<Column> modelColumns,
                          Set<String> times, String path, ConfigProblems problems) {
        KeptColumns kept = new KeptColumns();
        Set<String> taken = new HashSet<>();
        modelColumns.forEach(column -> taken.add(column.name().toLowerCase(Locale.ROOT)));
        Set<String> readLower = new HashSet<>();
        read.forEach(name -> readLower.add(name.toLowerCase(Locale.ROOT)));
        for (Column column : table.columns()) {
            if (readLower.contains(column.name().toLowerCase(Locale.ROOT))) {
                continue;
            }
            String name = taken.contains(column.name().toLowerCase(Locale.ROOT)) ? "source_" + column.name() : column.name();
            if (!Identifiers.isValid(name) || !taken.add(name.toLowerCase(Locale.ROOT))) {
                problems.add(path, "column " + column.name() + " of " + table.name() + " cannot be kept: the model already has a column "
                        + name + "; rename it in the source");
                continue;
            }
            String value = sql.column(alias, column.name());
            ColumnType type = column.type();
            if (type == ColumnType.TIMESTAMPTZ || times.contains(column.name())) {
                value = sql.timestamp(value, type);
                type = ColumnType.TIMESTAMP;
            }
            kept.select.add(value + " AS " + sql.quote(name));
            kept.columns.add(new Column(name, type));
        }
        return kept;
    }

    List<String> select() {
        return select;
    }

    List<Column> columns() {
        return columns;
    }
}
