package dev.ownstack.model.identity;

import dev.ownstack.model.identity.graph.UnionFind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Links records under per-customer limits, for the components that broke one when every link was
 * taken. Links are taken in priority order: by key (the first key in {@code identity.keys} first),
 * then by value, then by record; a link that would give the customer more distinct values of any
 * key than its limit is dropped and recorded. A record that alone has more values of a key than
 * the limit keeps the first ones in value order. Everything is ordered by values and record ids,
 * never by engine-specific node numbering, so every engine gets the same answer.
 *
 * <p>For a component that breaks no limit this takes every link, so running it only on the
 * breaking components gives the same partition as running it on all of them: value counts only
 * grow as sets merge, so no step of a component within its limits can break one.
 */
final class LimitedLinking {

    /** One linked key value of one record. */
    record KeyRow(long node, String source, String recordId, int keyId, String value) {
        KeyRow {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(recordId, "recordId");
            Objects.requireNonNull(value, "value");
        }
    }

    /** A key value of {@code node} that did not link it to {@code otherNode} (or, for a record over a limit on its own, to anything). */
    record Dropped(long node, int keyId, String value, long otherNode, String reason) {
    }

    /** Each node's component (its smallest node id) and the links dropped. */
    record Result(Map<Long, Long> componentOfNode, List<Dropped> dropped) {
    }

    private final List<String> keyNames;
    private final int[] limits;

    LimitedLinking(List<String> keyNames, int[] limits) {
        this.keyNames = List.copyOf(keyNames);
        this.limits = limits.clone();
    }

    Result link(List<KeyRow> rows) {
        TreeMap<Long, Integer> localOf = new TreeMap<>();
        Map<Long, KeyRow> labelOf = new HashMap<>();
        for (KeyRow row : rows) {
            localOf.put(row.node(), 0);
            labelOf.putIfAbsent(row.node(), row);
        }
        long[] nodeOf = new long[localOf.size()];
        int next = 0;
        for (Map.Entry<Long, Integer> entry : localOf.entrySet()) {
            entry.setValue(next);
            nodeOf[next++] = entry.getKey();
        }
        Comparator<Integer> byRecord = Comparator.comparing((Integer local) -> labelOf.get(nodeOf[local]).source())
                .thenComparing(local -> labelOf.get(nodeOf[local]).recordId());

        List<Dropped> dropped = new ArrayList<>();
        List<List<TreeSet<String>>> valuesOfRecord = new ArrayList<>();
        for (int i = 0; i < nodeOf.length; i++) {
            List<TreeSet<String>> perKey = new ArrayList<>();
            for (int k = 0; k < limits.length; k++) {
                perKey.add(new TreeSet<>());
            }
            valuesOfRecord.add(perKey);
        }
        for (KeyRow row : rows) {
            valuesOfRecord.get(localOf.get(row.node())).get(row.keyId()).add(row.value());
        }
        // a record over a limit on its own keeps its first values
        TreeMap<Integer, TreeMap<String, List<Integer>>> holders = new TreeMap<>();
        for (int local = 0; local < nodeOf.length; local++) {
            for (int k = 0; k < limits.length; k++) {
                TreeSet<String> values = valuesOfRecord.get(local).get(k);
                int total = values.size();
                int kept = 0;
                for (String value : List.copyOf(values)) {
                    if (kept < limits[k]) {
                        kept++;
                        holders.computeIfAbsent(k, key -> new TreeMap<>()).computeIfAbsent(value, v -> new ArrayList<>()).add(local);
                    } else {
                        values.remove(value);
                        dropped.add(new Dropped(nodeOf[local], k, value, nodeOf[local], "the record has " + total + " values of "
                                + keyNames.get(k) + ", over the limit of " + limits[k] + " per customer"));
                    }
                }
            }
        }

        UnionFind sets = new UnionFind(nodeOf.length);
        Map<Integer, List<Set<String>>> valuesOfSet = new HashMap<>();
        for (int local = 0; local < nodeOf.length; local++) {
            List<Set<String>> copy = new ArrayList<>();
            for (TreeSet<String> values : valuesOfRecord.get(local)) {
                copy.add(new HashSet<>(values));
            }
            valuesOfSet.put(local, copy);
        }
        for (Map.Entry<Integer, TreeMap<String, List<Integer>>> byKey : holders.entrySet()) {
            int keyId = byKey.getKey();
            for (Map.Entry<String, List<Integer>> group : byKey.getValue().entrySet()) {
                List<Integer> members = new ArrayList<>(group.getValue());
                members.sort(byRecord);
                int anchor = members.get(0);
                for (int member : members.subList(1, members.size())) {
                    int rootA = sets.find(anchor);
                    int rootB = sets.find(member);
                    if (rootA == rootB) {
                        continue;
                    }
                    List<Set<String>> a = valuesOfSet.get(rootA);
                    List<Set<String>> b = valuesOfSet.get(rootB);
                    int broken = brokenLimit(a, b);
                    if (broken >= 0) {
                        dropped.add(new Dropped(nodeOf[member], keyId, group.getKey(), nodeOf[anchor], "linking would give one customer "
                                + unionSize(a.get(broken), b.get(broken)) + " values of " + keyNames.get(broken) + ", over the limit of "
                                + limits[broken]));
                        continue;
                    }
                    sets.union(rootA, rootB);
                    int root = sets.find(rootA);
                    List<Set<String>> larger = root == rootA ? a : b;
                    List<Set<String>> smaller = root == rootA ? b : a;
                    for (int k = 0; k < limits.length; k++) {
                        larger.get(k).addAll(smaller.get(k));
                    }
                    valuesOfSet.put(root, larger);
                    valuesOfSet.remove(root == rootA ? rootB : rootA);
                }
            }
        }
        Map<Long, Long> componentOfNode = new HashMap<>();
        for (int local = 0; local < nodeOf.length; local++) {
            componentOfNode.put(nodeOf[local], nodeOf[sets.representative(local)]);
        }
        return new Result(componentOfNode, dropped);
    }

    /** The first key (in priority order) whose limit the union of the two sets' values would break, or -1. */
    private int brokenLimit(List<Set<String>> a, List<Set<String>> b) {
        for (int k = 0; k < limits.length; k++) {
            if (unionSize(a.get(k), b.get(k)) > limits[k]) {
                return k;
            }
        }
        return -1;
    }

    private static int unionSize(Set<String> a, Set<String> b) {
        Set<String> small = a.size() <= b.size() ? a : b;
        Set<String> large = small == a ? b : a;
        int size = large.size();
        for (String value : small) {
            if (!large.contains(value)) {
                size++;
            }
        }
        return size;
    }
}
