package dev.ownstack.model.identity.probabilistic;

import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.model.identity.graph.UnionFind;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A data set with ground truth from {@code shared/data/identity} (found by walking up from the
 * working directory; missing data fails the test, never skips it): each record's field values and
 * true cluster. Records are numbered 0..n-1 in file order; that number is the node.
 */
record LabelledData(String name, List<String> fields, List<String[]> values, long[] truth) {
    static final TableName INPUT = new TableName("identity", "match_input");

    /** Splink's fake_1000: unique_id, first_name, surname, dob, city, email, cluster (the true person). */
    static LabelledData fake1000() {
        return read("identity/splink/fake_1000.csv", List.of("first_name", "surname", "dob", "city", "email"),
                header -> row -> row[header.indexOf("cluster")]);
    }

    /** A FEBRL data set: rec_id rec-N-org and rec-N-dup-K are the same person N. */
    static LabelledData febrl(String file) {
        return read("identity/febrl/" + file, List.of("given_name", "surname", "street_number", "address_1", "address_2", "suburb",
                "postcode", "state", "date_of_birth", "soc_sec_id"), header -> row -> row[header.indexOf("rec_id")].split("-")[1]);
    }

    private static LabelledData read(String relative, List<String> fields, Function<List<String>, Function<String[], String>> cluster) {
        Path file = sharedData().resolve(relative);
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<String> header = split(lines.get(0));
        Function<String[], String> clusterOf = cluster.apply(header);
        List<String[]> values = new ArrayList<>();
        Map<String, Long> clusterIds = new HashMap<>();
        long[] truth = new long[lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            String[] row = split(lines.get(i)).toArray(String[]::new);
            String[] record = new String[fields.size()];
            for (int f = 0; f < fields.size(); f++) {
                String value = row[header.indexOf(fields.get(f))];
                record[f] = value.isEmpty() ? null : value;
            }
            values.add(record);
            truth[i - 1] = clusterIds.computeIfAbsent(clusterOf.apply(row), key -> (long) clusterIds.size());
        }
        return new LabelledData(file.getFileName().toString(), fields, values, truth);
    }

    private static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        for (String cell : line.split(",", -1)) {
            cells.add(cell.trim());
        }
        return cells;
    }

    static Path sharedData() {
        for (Path folder = Path.of(System.getProperty("user.dir")).toAbsolutePath(); folder != null; folder = folder.getParent()) {
            Path candidate = folder.resolve("shared/data/identity");
            if (Files.isDirectory(candidate)) {
                return candidate.getParent();
            }
        }
        throw new IllegalStateException("shared/data/identity not found in any folder above " + System.getProperty("user.dir")
                + "; the repository must sit next to the shared data folder");
    }

    int size() {
        return values.size();
    }

    /** Writes the records into {@link #INPUT}: node BIGINT, then one text column per field. */
    void load(Warehouse warehouse) {
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("node", ColumnType.BIGINT));
        fields.forEach(field -> columns.add(new Column(field, ColumnType.STRING)));
        warehouse.ensureTable(INPUT, columns, List.of());
        try (RowWriter writer = warehouse.append(INPUT, columns.stream().map(Column::name).toList())) {
            for (int i = 0; i < values.size(); i++) {
                Object[] row = new Object[fields.size() + 1];
                row[0] = (long) i;
                System.arraycopy(values.get(i), 0, row, 1, fields.size());
                writer.write(row);
            }
        }
    }

    /** The predicted cluster of each record: connected components of the linked pairs in the output table. */
    long[] clusters(Warehouse warehouse, TableName output) {
        UnionFind components = new UnionFind(size());
        for (Object[] row : warehouse.queryAll("SELECT node_a, node_b FROM " + warehouse.dialect().table(output)).rows()) {
            components.union(((Number) row[0]).intValue(), ((Number) row[1]).intValue());
        }
        long[] clusters = new long[size()];
        for (int i = 0; i < clusters.length; i++) {
            clusters[i] = components.representative(i);
        }
        return clusters;
    }
}
