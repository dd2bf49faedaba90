package dev.ownstack.cli.generate;

import java.nio.file.Path;

/**
 * What to generate: how many people, from which seed, into which directory.
 *
 * <p>Messages name the command-line option because the CLI passes them through unchanged.
 *
 * @param customers number of true people to generate; each becomes one or more source records
 * @param seed any value; the same seed and customer count give byte-identical files
 * @param outputDirectory created if missing; existing files of a previous run are replaced
 */
public record GeneratorOptions(long customers, long seed, Path outputDirectory) {

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
    }
}
