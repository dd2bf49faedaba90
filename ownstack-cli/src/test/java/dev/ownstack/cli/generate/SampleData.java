package dev.ownstack.cli.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One modest generated data set shared by the tests of a run, generated on first use: 3,000
 * people, enough for the statistics to settle and small enough to take a few seconds.
 */
final class SampleData {

    static final long CUSTOMERS = 3_000;
    static final long SEED = 20_240_601L;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path directory;
    private static GeneratorSummary summary;

    private SampleData() {
    }

    static synchronized Path directory() {
        if (directory == null) {
            try {
                Path created = Files.createTempDirectory("ownstack-generate-sample");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(created)));
                summary = new DataGenerator().generate(new GeneratorOptions(CUSTOMERS, SEED, created),
                        ProgressListener.silent());
                directory = created;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return directory;
    }

    static synchronized GeneratorSummary summary() {
        directory();
        return summary;
    }

    static CsvTable csv(String fileName) {
        return CsvTable.read(directory().resolve(fileName));
    }

    /** Every line parsed as JSON; a line that is not one JSON object fails the test that reads it. */
    static Stream<JsonNode> jsonLines(String fileName) {
        try {
            return Files.lines(directory().resolve(fileName)).map(SampleData::parse);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            if (node == null || !node.isObject()) {
                throw new IllegalStateException("not a JSON object: " + line);
            }
            return node;
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + line, e);
        }
    }

    static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
