package dev.ownstack.cli.command;

import dev.ownstack.cli.ProjectOption;
import dev.ownstack.cli.output.FormatOption;
import dev.ownstack.cli.output.SectionPrinter;
import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.model.identity.IdentityExplain;
import dev.ownstack.model.identity.IdentityStats;
import dev.ownstack.model.identity.ReportSection;
import dev.ownstack.warehouse.Warehouse;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ownstack identity}: look into the last resolution. */
@Command(name = "identity", mixinStandardHelpOptions = true,
        description = {"Look into identity resolution: statistics, why a customer is who it is, accuracy against known truth.",
            "Run ownstack resolve first."},
        subcommands = {IdentityCommand.Stats.class, IdentityCommand.Explain.class, EvaluateCommand.class, CommandLine.HelpCommand.class})
public final class IdentityCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = {"Records, customers, customer sizes, links by key, dropped links and blocked values of the last run.",
                "",
                "Example:",
                "  ownstack identity stats --format json"})
    static final class Stats implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOption project;

        @Mixin
    FormatOption format;

        @Override
        public Integer call() {
            ProjectConfig config = project.load();
            PrintWriter out = spec.commandLine().getOut();
            try (Warehouse warehouse = ProjectOption.openWarehouse(config, spec.commandLine().getErr())) {
                SectionPrinter.print(IdentityStats.report(warehouse), format.format, out);
            }
            return 0;
        }
    }

    @Command(name = "explain", mixinStandardHelpOptions = true,
            description = {"Show the records, keys and links that formed a customer, every link dropped by a limit with its",
                "reason, blocked values, and the history of its id.",
                "",
                "QUERY is a customer id (an id merged away leads to the customer it joined), a record as",
                "source/record_id, or any key value as a source wrote it (normalised like each key).",
                "",
                "Examples:",
                "  ownstack identity explain cus_3f2a9c0d1e4b5a67",
                "  ownstack identity explain crm_contacts/C0000000000042",
                "  ownstack identity explain 'Jane.Doe@Gmail.com'"})
    static final class Explain implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOption project;

        @Parameters(paramLabel = "QUERY", description = "A customer id, source/record_id, or a key value.")
        String query;

        @Mixin
    FormatOption format;

        @Override
        public Integer call() {
            ProjectConfig config = project.load();
            IdentityExplain explain = new IdentityExplain(IdentitySetup.identity(config));
            PrintWriter out = spec.commandLine().getOut();
            try (Warehouse warehouse = ProjectOption.openWarehouse(config, spec.commandLine().getErr())) {
                List<String> customers = explain.find(warehouse, query);
                List<ReportSection> sections = new ArrayList<>();
                if (customers.size() > 1) {
                    sections.add(new ReportSection("'" + query + "' belongs to " + customers.size() + " customers",
                            List.of("customer"), customers.stream().map(id -> List.<Object>of(id)).toList()));
                }
                for (String customer : customers) {
                    sections.addAll(explain.explain(warehouse, customer));
                }
                SectionPrinter.print(sections, format.format, out);
            }
            return 0;
        }
    }
}
