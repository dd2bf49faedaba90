package dev.ownstack.cli.generate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What to generate: how many people, from which seed, into which directory, and which files.
 *
 * <p>Messages name the command-line option because the CLI passes them through unchanged.
 *
 * @param customers number of true people to generate; each becomes one or more source records
 * @param seed any value; the same seed and customer count give byte-identical files
 * @param outputDirectory created if missing; existing files of a previous run are replaced
 * @param files the files to write, by name without extension (see {@link #FILES}); the others are
 *     not written and an earlier run's copies are removed. A file written is byte-identical to the
 *     same file of a run that writes them all; {@code truth} lists only records of files written.
 */
public record GeneratorOptions(long customers, long seed, Path outputDirectory, Set<String> files) {

    /** Every file a run can write, by name without extension, in the order they are written. */
    public static final List<String> FILES = List.of("crm_contacts", "shop_customers", "newsletter_signups", "orders",
            "order_items", "transactions", "events", "truth");

    /** Ids are built from the person index with room for 256 orders each inside 40 bits. */
    public static final long MAXIMUM_CUSTOMERS = 1_000_000_000L;

    public GeneratorOptions {
        if (customers < 1) {
            throw GeneratorErrors.badOption("--customers must be at least 1, got " + customers);
        }
        if (customers > MAXIMUM_CUSTOMERS) {
            throw GeneratorErrors.badOption(
                    "--customers must be at most " + MAXIMUM_CUSTOMERS + ", got " + customers);
        }
        if (outputDirectory == null) {
            throw GeneratorErrors.badOption("--out must name a directory, got nothing");
        }
        if (outputDirectory.toString().isBlank()) {
            throw GeneratorErrors.badOption("--out must name a directory, got an empty path");
        }
        if (files == null || files.isEmpty()) {
            throw GeneratorErrors.badOption("--files must name at least one of " + String.join(", ", FILES) + ", got nothing");
        }
        List<String> unknown = new ArrayList<>();
        for (String file : files) {
            if (!FILES.contains(file)) {
                unknown.add("'" + file + "'");
            }
        }
        if (!unknown.isEmpty()) {
            throw GeneratorErrors.badOption("--files: unknown file " + String.join(", ", unknown) + "; the files are "
                    + String.join(", ", FILES));
        }
        files = Set.copyOf(files);
    }

    /** Every file. */
    public GeneratorOptions(long customers, long seed, Path outputDirectory) {
        this(customers, seed, outputDirectory, Set.copyOf(FILES));
    }

    /** Whether the file of this name (without extension, as in {@link #FILES}) is written. */
    public boolean writes(String file) {
        return files.contains(file);
    }
}
