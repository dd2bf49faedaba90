package dev.ownstack.cli.command;

import dev.ownstack.cli.generate.DataGenerator;
import dev.ownstack.cli.generate.GeneratorOptions;
import dev.ownstack.cli.generate.GeneratorSummary;
import dev.ownstack.cli.output.FormatOption;
import dev.ownstack.cli.output.Progress;
import dev.ownstack.cli.output.TablePrinter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ownstack generate}: the seeded data generator. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {
            "Write a realistic, seeded customer data set: CRM contacts over several sources with duplicates",
            "and typos, orders with cancellations and refunds, Segment-shaped events with anonymous ids that",
            "become user ids on login, and truth.csv naming the real person behind every record.",
            "The same --seed and --customers always give byte-identical files. Distributions are calibrated",
            "on public retail data; see docs/GENERATOR.md.",
            "",
            "Examples:",
            "  ownstack generate --customers 10000 --seed 7 --out data/",
            "  ownstack generate --customers 500000 --out contacts/ --files crm_contacts,shop_customers,newsletter_signups,truth"})
public final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--customers", paramLabel = "N", defaultValue = "1000", description = "How many people to generate. Default: ${DEFAULT-VALUE}.")
    long customers;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder to write the files into (created if missing).")
    Path out;

    @Option(names = "--files", paramLabel = "FILE,...", split = ",",
            description = {"Write only these files: crm_contacts, shop_customers, newsletter_signups, orders, order_items,",
                "transactions, events, truth (default: all). Each is byte-identical to the same file of a full run;",
                "truth lists only the records of files written. The others are removed from --out."})
    List<String> files = GeneratorOptions.FILES;

    @Option(names = {"-p", "--project"}, paramLabel = "DIR", defaultValue = ".", description = "Project folder; --out is relative to it.")
    Path project;

    @Mixin
    FormatOption format;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        GeneratorSummary summary = run(new GeneratorOptions(customers, seed, project.resolve(out), new LinkedHashSet<>(files)), spec.commandLine().getErr());
        TablePrinter printer = new TablePrinter(format.format, stdout);
        printer.columns(List.of("file", "rows"));
        for (Map.Entry<String, Long> entry : summary.rowsByFile().entrySet()) {
            printer.row(new Object[] {entry.getKey(), entry.getValue()});
        }
        printer.finish();
        return 0;
    }

    /** Runs the generator with a progress line; shared with {@code demo}. */
    static GeneratorSummary run(GeneratorOptions options, PrintWriter err) {
        Progress progress = Progress.onStderr(err);
        GeneratorSummary summary;
        try {
            summary = new DataGenerator().generate(options, (done, total, rows) ->
                    progress.show(String.format("generating: %,d of %,d customers, %,d rows", done, total, rows)));
        } finally {
            progress.done();
        }
        double seconds = Math.max(summary.elapsed().toMillis() / 1000.0, 0.001);
        err.printf("Generated %,d rows for %,d customers in %s in %.1f s (%,.0f rows/s).%n", summary.totalRows(),
                options.customers(), options.outputDirectory(), seconds, summary.totalRows() / seconds);
        err.flush();
        return summary;
    }
}
