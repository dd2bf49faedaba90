package dev.ownstack.ingest.file;

import dev.ownstack.core.table.Identifiers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Column names of a file (header, JSON keys, Parquet schema) turned into warehouse identifiers:
 * {@code "Customer ID"} becomes {@code customer_id}; a second column that would get the same
 * name gets {@code _2}, then {@code _3}; lineage column names are never taken.
 */
final class ColumnNames {
    private ColumnNames() {
    }

    static List<String> sanitize(List<String> originals) {
        Set<String> used = new HashSet<>();
        Lineage.COLUMNS.forEach(column -> used.add(column.name()));
        List<String> names = new ArrayList<>(originals.size());
        for (String original : originals) {
            String base = Identifiers.sanitize(original);
            String name = base;
            for (int suffix = 2; !used.add(name); suffix++) {
                String ending = "_" + suffix;
                name = base.substring(0, Math.min(base.length(), 63 - ending.length())) + ending;
            }
            names.add(name);
        }
        return names;
    }
}
