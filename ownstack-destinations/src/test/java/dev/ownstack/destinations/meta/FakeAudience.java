package dev.ownstack.destinations.meta;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One custom audience of {@link MetaFake}: its rows as uploaded (schema key → value, blanks left
 * out). Meta matches people, not rows; the fake stands in for that by taking rows that share an
 * identifier value (EXTERN_ID, EMAIL, PHONE, MADID) for the same person. Not thread-safe: the
 * fake holds its lock.
 */
final class FakeAudience {
    final String id;
    final String name;
    final String customerFileSource;
    private People people = new People();
    private final Map<Long, People> replacing = new HashMap<>();
    private final Map<Long, Integer> replaceSequence = new HashMap<>();

    FakeAudience(String id, String name, String customerFileSource) {
        this.id = id;
        this.name = name;
        this.customerFileSource = customerFileSource;
    }

    List<Map<String, String>> rows() {
        return people.rows();
    }

    void add(Map<String, String> row) {
        people.add(row);
    }

    void remove(Map<String, String> row) {
        people.remove(row);
    }

    /** A usersreplace batch; the audience becomes the session's rows with its last batch. Returns a problem, or null. */
    String replace(long session, int sequence, boolean last, List<Map<String, String>> batch) {
        if (sequence == 1) {
            replacing.put(session, new People());
            replaceSequence.put(session, 0);
        }
        People pending = replacing.get(session);
        if (pending == null) {
            return "replace session " + session + " was not started: its first batch has batch_seq 1";
        }
        int before = replaceSequence.get(session);
        if (sequence != before + 1 && sequence != before) {
            return "replace session " + session + " expected batch_seq " + (before + 1) + ", got " + sequence;
        }
        replaceSequence.put(session, sequence);
        batch.forEach(pending::add);
        if (last) {
            people = pending;
            replacing.remove(session);
            replaceSequence.remove(session);
        }
        return null;
    }

    /** Rows indexed by their identifier values. */
    private static final class People {
        private static final List<String> IDENTIFIERS = List.of("EXTERN_ID", "EMAIL", "PHONE", "MADID");
        private final Map<Long, Map<String, String>> byPerson = new LinkedHashMap<>();
        private final Map<String, Long> index = new HashMap<>();
        private long next;

        List<Map<String, String>> rows() {
            List<Map<String, String>> copy = new ArrayList<>();
            byPerson.values().forEach(row -> copy.add(Map.copyOf(row)));
            return copy;
        }

        void add(Map<String, String> row) {
            matches(row).forEach(this::drop);
            long person = next++;
            byPerson.put(person, new LinkedHashMap<>(row));
            for (String key : IDENTIFIERS) {
                if (row.containsKey(key)) {
                    index.put(key + "=" + row.get(key), person);
                }
            }
        }

        void remove(Map<String, String> row) {
            if (IDENTIFIERS.stream().anyMatch(row::containsKey)) {
                matches(row).forEach(this::drop);
                return;
            }
            List<Long> same = new ArrayList<>();
            byPerson.forEach((person, held) -> {
                if (held.entrySet().containsAll(row.entrySet())) {
                    same.add(person);
                }
            });
            same.forEach(this::drop);
        }

        private List<Long> matches(Map<String, String> row) {
            List<Long> found = new ArrayList<>();
            for (String key : IDENTIFIERS) {
                Long person = row.containsKey(key) ? index.get(key + "=" + row.get(key)) : null;
                if (person != null && !found.contains(person)) {
                    found.add(person);
                }
            }
            return found;
        }

        private void drop(long person) {
            Map<String, String> row = byPerson.remove(person);
            if (row != null) {
                row.forEach((key, value) -> index.remove(key + "=" + value, person));
            }
        }
    }
}
