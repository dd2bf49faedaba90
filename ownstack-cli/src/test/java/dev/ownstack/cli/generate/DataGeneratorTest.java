package dev.ownstack.cli.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.ownstack.core.error.OwnstackException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataGeneratorTest {

    private static final List<String> ALL_FILES = List.of(OutputFiles.CRM_CONTACTS, OutputFiles.SHOP_CUSTOMERS,
            OutputFiles.NEWSLETTER_SIGNUPS, OutputFiles.ORDERS, OutputFiles.ORDER_ITEMS, OutputFiles.TRANSACTIONS,
            OutputFiles.EVENTS, OutputFiles.TRUTH, Manifest.FILE_NAME);

    @TempDir
    Path temporary;

    @Test
    void same_seed_gives_identical_files() {
        Map<String, String> first = hashes(generate(500, 7, "first"));
        Map<String, String> second = hashes(generate(500, 7, "second"));
        assertEquals(ALL_FILES.size(), first.size());
        assertEquals(first, second);
    }

    @Test
    void different_seeds_give_different_files() {
        Map<String, String> first = hashes(generate(200, 7, "first"));
        Map<String, String> second = hashes(generate(200, 8, "second"));
        for (String file : List.of(OutputFiles.CRM_CONTACTS, OutputFiles.ORDERS, OutputFiles.EVENTS)) {
            assertNotEquals(first.get(file), second.get(file), file);
        }
    }

    @Test
    void a_person_is_the_same_whatever_the_number_of_people_after_them() {
        Path small = generate(50, 7, "small");
        Path large = generate(80, 7, "large");
        // Emails carry a number sized to the run, so compare what does not depend on it: the orders.
        List<String> smallOrders = CsvTable.read(small.resolve(OutputFiles.ORDERS)).column("order_id");
        List<String> largeOrders = CsvTable.read(large.resolve(OutputFiles.ORDERS)).column("order_id");
        assertTrue(largeOrders.containsAll(smallOrders));
        assertTrue(largeOrders.size() > smallOrders.size());
    }

    @Test
    void summary_counts_match_the_files_and_no_temporary_file_is_left() throws IOException {
        Path directory = temporary.resolve("counted");
        List<Long> reported = new ArrayList<>();
        GeneratorSummary summary = new DataGenerator().generate(new GeneratorOptions(300, 3, directory),
                (done, total, rows) -> reported.add(done));
        for (Map.Entry<String, Long> entry : summary.rowsByFile().entrySet()) {
            Path file = directory.resolve(entry.getKey());
            long rows;
            if (entry.getKey().endsWith(".csv")) {
                // Records, not lines: a quoted CRM note may hold a line break.
                rows = CsvTable.read(file).size();
            } else {
                try (Stream<String> lines = Files.lines(file)) {
                    rows = lines.count();
                }
            }
            assertEquals(rows, entry.getValue(), entry.getKey());
        }
        assertEquals(summary.rowsByFile().values().stream().mapToLong(Long::longValue).sum(), summary.totalRows());
        try (Stream<Path> files = Files.list(directory)) {
            assertTrue(files.noneMatch(path -> path.toString().endsWith(".tmp")));
        }
        assertEquals(300L, reported.get(reported.size() - 1));
        String manifest = Files.readString(directory.resolve(Manifest.FILE_NAME));
        assertTrue(manifest.contains("\"total_rows\": " + summary.totalRows()), manifest);
    }

    @Test
    void a_rerun_replaces_the_previous_files() {
        Path directory = generate(100, 1, "rerun");
        Map<String, String> before = hashes(directory);
        new DataGenerator().generate(new GeneratorOptions(120, 2, directory), ProgressListener.silent());
        Map<String, String> after = hashes(directory);
        assertEquals(before.keySet(), after.keySet());
        assertNotEquals(before.get(OutputFiles.TRUTH), after.get(OutputFiles.TRUTH));
    }

    @Test
    void a_failed_run_leaves_no_manifest_and_no_temporary_files() throws IOException {
        Path directory = generate(50, 1, "failing");
        // A non-empty directory where a data file goes makes the final rename fail.
        Files.delete(directory.resolve(OutputFiles.ORDERS));
        Files.createDirectories(directory.resolve(OutputFiles.ORDERS).resolve("blocker"));
        OwnstackException error = assertThrows(OwnstackException.class, () -> new DataGenerator()
                .generate(new GeneratorOptions(60, 1, directory), ProgressListener.silent()));
        assertTrue(error.getMessage().contains(OutputFiles.ORDERS), error.getMessage());
        assertFalse(Files.exists(directory.resolve(Manifest.FILE_NAME)));
        try (Stream<Path> files = Files.list(directory)) {
            assertTrue(files.noneMatch(path -> path.toString().endsWith(".tmp")));
        }
    }

    @Test
    void a_run_of_some_files_writes_them_as_a_full_run_does_and_truth_only_for_their_records() throws IOException {
        Path full = generate(300, 5, "full");
        Path some = temporary.resolve("some");
        Set<String> chosen = Set.of("crm_contacts", "shop_customers", "newsletter_signups", "transactions", "truth");
        GeneratorSummary summary = new DataGenerator().generate(new GeneratorOptions(300, 5, some, chosen), ProgressListener.silent());

        List<String> written = List.of(OutputFiles.CRM_CONTACTS, OutputFiles.SHOP_CUSTOMERS, OutputFiles.NEWSLETTER_SIGNUPS,
                OutputFiles.TRANSACTIONS);
        Map<String, String> fullHashes = hashes(full);
        for (String file : written) {
            assertEquals(fullHashes.get(file), hash(some.resolve(file)), file);
        }
        for (String file : List.of(OutputFiles.ORDERS, OutputFiles.ORDER_ITEMS, OutputFiles.EVENTS)) {
            assertFalse(Files.exists(some.resolve(file)), file);
        }
        List<String> expectedTruth = Files.readAllLines(full.resolve(OutputFiles.TRUTH)).stream()
                .filter(line -> !line.startsWith("events.")).toList();
        assertTrue(expectedTruth.size() < Files.readAllLines(full.resolve(OutputFiles.TRUTH)).size(), "the full truth lists event ids");
        assertEquals(expectedTruth, Files.readAllLines(some.resolve(OutputFiles.TRUTH)));
        assertEquals(Set.of(OutputFiles.CRM_CONTACTS, OutputFiles.SHOP_CUSTOMERS, OutputFiles.NEWSLETTER_SIGNUPS,
                OutputFiles.TRANSACTIONS, OutputFiles.TRUTH), summary.rowsByFile().keySet());
        String manifest = Files.readString(some.resolve(Manifest.FILE_NAME));
        assertFalse(manifest.contains(OutputFiles.EVENTS), manifest);
    }

    @Test
    void leaving_out_shuffled_contact_files_changes_none_of_the_others() {
        Path full = generate(400, 9, "full");
        Path some = temporary.resolve("newsletter-only");
        new DataGenerator().generate(new GeneratorOptions(400, 9, some, Set.of("newsletter_signups", "orders")), ProgressListener.silent());
        assertEquals(hash(full.resolve(OutputFiles.NEWSLETTER_SIGNUPS)), hash(some.resolve(OutputFiles.NEWSLETTER_SIGNUPS)));
        assertEquals(hash(full.resolve(OutputFiles.ORDERS)), hash(some.resolve(OutputFiles.ORDERS)));
        assertFalse(Files.exists(some.resolve(OutputFiles.TRUTH)));
    }

    @Test
    void a_run_of_some_files_removes_the_left_out_files_of_an_earlier_run() {
        Path directory = generate(100, 1, "shrunk");
        assertTrue(Files.exists(directory.resolve(OutputFiles.EVENTS)));
        new DataGenerator().generate(new GeneratorOptions(100, 1, directory, Set.of("crm_contacts")), ProgressListener.silent());
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(Set.of(OutputFiles.CRM_CONTACTS, Manifest.FILE_NAME),
                    files.map(path -> path.getFileName().toString()).collect(Collectors.toSet()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path generate(long customers, long seed, String name) {
        Path directory = temporary.resolve(name);
        new DataGenerator().generate(new GeneratorOptions(customers, seed, directory), ProgressListener.silent());
        return directory;
    }

    private static Map<String, String> hashes(Path directory) {
        Map<String, String> hashes = new TreeMap<>();
        for (String file : ALL_FILES) {
            hashes.put(file, hash(directory.resolve(file)));
        }
        return hashes;
    }

    private static String hash(Path file) {
        try (InputStream input = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int read;
            while ((read = input.read(buffer)) > 0) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
