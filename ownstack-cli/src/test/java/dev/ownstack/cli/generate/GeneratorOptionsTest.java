package dev.ownstack.cli.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import dev.ownstack.core.error.OwnstackException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorOptionsTest {

    @TempDir
    Path temporary;

    @Test
    void zero_customers_is_rejected_with_the_value() {
        OwnstackException error = assertThrows(OwnstackException.class,
                () -> new GeneratorOptions(0, 42, temporary));
        assertEquals("--customers must be at least 1, got 0", error.getMessage());
    }

    @Test
    void negative_customers_is_rejected_with_the_value() {
        OwnstackException error = assertThrows(OwnstackException.class,
                () -> new GeneratorOptions(-5, 42, temporary));
        assertEquals("--customers must be at least 1, got -5", error.getMessage());
    }

    @Test
    void too_many_customers_is_rejected_with_the_limit_and_the_value() {
        OwnstackException error = assertThrows(OwnstackException.class,
                () -> new GeneratorOptions(1_000_000_001L, 42, temporary));
        assertEquals("--customers must be at most 1000000000, got 1000000001", error.getMessage());
    }

    @Test
    void missing_output_directory_is_rejected() {
        OwnstackException error = assertThrows(OwnstackException.class,
                () -> new GeneratorOptions(10, 42, null));
        assertEquals("--out must name a directory, got nothing", error.getMessage());
    }

    @Test
    void empty_output_directory_is_rejected() {
        OwnstackException error = assertThrows(OwnstackException.class,
                () -> new GeneratorOptions(10, 42, Path.of("")));
        assertEquals("--out must name a directory, got an empty path", error.getMessage());
    }

    @Test
    void an_unknown_file_is_rejected_with_the_names_of_the_files() {
        OwnstackException error = assertThrows(OwnstackException.class,
                () -> new GeneratorOptions(10, 42, temporary, Set.of("crm_contacts", "events.jsonl")));
        assertEquals("--files: unknown file 'events.jsonl'; the files are crm_contacts, shop_customers, newsletter_signups,"
                + " orders, order_items, transactions, events, truth", error.getMessage());
    }

    @Test
    void no_files_at_all_is_rejected() {
        OwnstackException error = assertThrows(OwnstackException.class, () -> new GeneratorOptions(10, 42, temporary, Set.of()));
        assertEquals("--files must name at least one of crm_contacts, shop_customers, newsletter_signups, orders, order_items,"
                + " transactions, events, truth, got nothing", error.getMessage());
    }

    @Test
    void every_file_is_written_unless_files_are_named() {
        GeneratorOptions options = new GeneratorOptions(10, 42, temporary);
        assertEquals(Set.copyOf(GeneratorOptions.FILES), options.files());
        assertFalse(new GeneratorOptions(10, 42, temporary, Set.of("truth")).writes("events"));
    }

    @Test
    void any_seed_is_accepted() {
        assertEquals(Long.MIN_VALUE, new GeneratorOptions(1, Long.MIN_VALUE, temporary).seed());
    }

    @Test
    void output_that_is_a_file_is_rejected_with_its_path_and_nothing_is_written() throws IOException {
        Path file = Files.writeString(temporary.resolve("not-a-directory"), "x");
        OwnstackException error = assertThrows(OwnstackException.class,
                () -> new DataGenerator().generate(new GeneratorOptions(10, 42, file), ProgressListener.silent()));
        assertEquals("--out must be a directory, got a file: " + file, error.getMessage());
        assertEquals("x", Files.readString(file));
        assertFalse(Files.exists(temporary.resolve("crm_contacts.csv.tmp")));
    }
}
