package dev.ownstack.cli.generate;

import java.nio.file.Path;
import java.util.Map;

/**
 * Runs the generator from the test class path, standing in for {@code bin/ownstack generate} until
 * the command is wired; bench/generator.sh uses it when {@code OWNSTACK} points at a java command.
 * Arguments: {@code [generate] --customers N --seed S --out DIR}.
 */
public final class GeneratorBenchmark {

    private GeneratorBenchmark() {
    }

    public static void main(String[] arguments) {
        long customers = 10_000;
        long seed = 42;
        Path out = Path.of("bench/out/generator");
        // Accepts the subcommand too, so bench/generator.sh can call it like bin/ownstack.
        int first = arguments.length > 0 && arguments[0].equals("generate") ? 1 : 0;
        for (int index = first; index + 1 < arguments.length; index += 2) {
            switch (arguments[index]) {
                case "--customers" -> customers = Long.parseLong(arguments[index + 1]);
                case "--seed" -> seed = Long.parseLong(arguments[index + 1]);
                case "--out" -> out = Path.of(arguments[index + 1]);
                default -> throw new IllegalArgumentException("unknown option " + arguments[index]);
            }
        }
        long[] lastPrinted = {System.nanoTime()};
        GeneratorSummary summary = new DataGenerator().generate(new GeneratorOptions(customers, seed, out),
                (done, total, rows) -> {
                    // The generator reports twice a second; a log line every ten seconds is enough here.
                    if (done == total || System.nanoTime() - lastPrinted[0] > 10_000_000_000L) {
                        System.err.printf("%,d / %,d customers, %,d rows%n", done, total, rows);
                        lastPrinted[0] = System.nanoTime();
                    }
                });
        for (Map.Entry<String, Long> entry : summary.rowsByFile().entrySet()) {
            System.out.printf("%-26s %,14d%n", entry.getKey(), entry.getValue());
        }
        System.out.printf("total rows %,d in %.2f s: %,.0f rows/s%n", summary.totalRows(),
                summary.elapsed().toNanos() / 1e9, summary.rowsPerSecond());
    }
}
