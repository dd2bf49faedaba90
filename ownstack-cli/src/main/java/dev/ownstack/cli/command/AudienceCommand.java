package dev.ownstack.cli.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.ownstack.activation.audience.history.AudienceRun;
import dev.ownstack.activation.audience.history.MembershipHistory;
import dev.ownstack.activation.audience.store.StoredAudience;
import dev.ownstack.cli.ProjectOption;
import dev.ownstack.cli.output.FormatOption;
import dev.ownstack.cli.output.TablePrinter;
import dev.ownstack.core.config.audiences.AudienceDefinition;
import dev.ownstack.core.config.audiences.AudienceJson;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ownstack audience}: audiences of the project, their previews, SQL, members and history. */
@Command(name = "audience", mixinStandardHelpOptions = true,
        description = {"Audiences: who belongs, by rules computed in the warehouse.",
            "",
            "An audience is a rule over the master models (run ownstack build first):",
            "traits (columns of model.customers and scores of model.customer_scores;",
            "ownstack audience traits lists them), events, transactions and other",
            "audiences. Audiences come from the audiences: section of ownstack.yml, or",
            "are created here from a recipe or a rule file and kept in",
            "ownstack.audiences. The language: docs/AUDIENCES.md.",
            "",
            "Examples:",
            "  ownstack audience recipes",
            "  ownstack audience create lapsed --recipe lapsed-buyers --param lapsed-days=120",
            "  ownstack audience preview lapsed --breakdown country",
            "  ownstack audience members lapsed --columns email --format csv > lapsed.csv"},
        subcommands = {AudienceCommand.ListAudiences.class, AudienceCommand.Show.class, AudiencePreviewCommand.class,
            AudienceTraitsCommand.class, AudienceSqlCommand.class, AudienceMembersCommand.class, AudienceHistoryCommands.Compute.class,
            AudienceHistoryCommands.Changes.class, AudienceHistoryCommands.Runs.class, AudienceRecipesCommand.class,
            AudienceCreateCommand.class, AudienceCommand.Delete.class, CommandLine.HelpCommand.class})
public final class AudienceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"List every audience with its origin and last computed size.",
                "",
                "Those of ownstack.yml come first, in file order, then those created here,",
                "by name. The size is that of the last ownstack audience compute (empty",
                "when never computed).",
                "",
                "Example:",
                "  ownstack audience list --format csv"})
    static final class ListAudiences implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOption project;

        @Mixin
        FormatOption format;

        @Override
        public Integer call() {
            try (AudienceSession session = AudienceSession.open(project.load(), spec.commandLine().getErr())) {
                MembershipHistory history = session.history();
                TablePrinter printer = new TablePrinter(format.format, spec.commandLine().getOut());
                printer.columns(List.of("name", "origin", "description", "holdout_percent", "sample_percent", "last_run", "size", "computed_at"));
                for (StoredAudience audience : session.store().list()) {
                    AudienceDefinition definition = audience.definition();
                    Optional<AudienceRun> last = history.latest(audience.name());
                    printer.row(new Object[] {audience.name(), audience.origin().text(), definition.description(), definition.holdoutPercent(),
                            definition.samplePercent(), last.map(AudienceRun::runId).orElse(null), last.map(AudienceRun::size).orElse(null),
                            last.map(run -> utc(run.computedAt())).orElse(null)});
                }
                printer.finish();
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Show an audience's definition, origin and last computation.",
                "",
                "As a table (the default) it is YAML that fits under audiences: in",
                "ownstack.yml, after comment lines with its origin and last computation.",
                "As JSON it is the definition the REST API and ownstack audience create",
                "--file take; as CSV, one row with the rule as JSON.",
                "",
                "Examples:",
                "  ownstack audience show big_spenders",
                "  ownstack audience show big_spenders --format json > big_spenders.json"})
    static final class Show implements Callable<Integer> {
        private static final ObjectMapper JSON = new ObjectMapper();
        private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));

        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOption project;

        @Parameters(paramLabel = "NAME", description = "The audience.")
        String name;

        @Mixin
        FormatOption format;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (AudienceSession session = AudienceSession.open(project.load(), spec.commandLine().getErr())) {
                StoredAudience audience = session.store().get(name);
                AudienceDefinition definition = audience.definition();
                switch (format.format) {
                    case JSON -> out.println(write(JSON.writerWithDefaultPrettyPrinter()::writeValueAsString, AudienceJson.write(definition)));
                    case CSV -> {
                        TablePrinter printer = new TablePrinter(format.format, out);
                        printer.columns(List.of("name", "origin", "description", "holdout_percent", "sample_percent", "created_at",
                                "updated_at", "rule"));
                        printer.row(new Object[] {audience.name(), audience.origin().text(), definition.description(),
                                definition.holdoutPercent(), definition.samplePercent(), audience.createdAt().map(AudienceCommand::utc).orElse(null),
                                audience.updatedAt().map(AudienceCommand::utc).orElse(null),
                                write(JSON::writeValueAsString, AudienceJson.writeRule(definition.rule()))});
                        printer.finish();
                    }
                    case TABLE -> {
                        out.println("# origin: " + audience.origin().text() + audience.createdAt().map(created -> ", created "
                                + TablePrinter.text(utc(created)) + ", updated " + TablePrinter.text(utc(audience.updatedAt().orElseThrow())))
                                .orElse(""));
                        out.println("# " + session.history().latest(name).map(AudienceCommand::describe)
                                .orElse("never computed; ownstack audience compute " + name + " records a run"));
                        ObjectNode entry = JSON.createObjectNode();
                        entry.set(name, AudienceJson.writeBody(definition));
                        out.print(write(YAML::writeValueAsString, entry));
                    }
                }
                out.flush();
            }
            return 0;
        }

        private interface Writer {
            String write(Object value) throws JsonProcessingException;
        }

        private static String write(Writer writer, Object value) {
            try {
                return writer.write(value);
            } catch (JsonProcessingException e) {
                throw new OwnstackException(ErrorCode.INTERNAL, "cannot write an audience definition: " + e.getMessage(), e);
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = {"Delete an audience created here, with its membership history.",
                "",
                "Audiences of ownstack.yml are removed by editing the file. An audience",
                "that another audience refers to cannot be deleted.",
                "",
                "Example:",
                "  ownstack audience delete lapsed"})
    static final class Delete implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOption project;

        @Parameters(paramLabel = "NAME", description = "The audience.")
        String name;

        @Override
        public Integer call() {
            try (AudienceSession session = AudienceSession.open(project.load(), spec.commandLine().getErr())) {
                session.store().delete(name);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("Deleted audience " + name + " and its membership history.");
            out.flush();
            return 0;
        }
    }

    /** A run in one line: {@code run 2 at ... (as of ...): 120 members, 12 held out, 5 joined, 3 left}. */
    static String describe(AudienceRun run) {
        return String.format("last computed: run %d at %s (as of %s): %,d members%s, %,d joined, %,d left", run.runId(),
                TablePrinter.text(utc(run.computedAt())), TablePrinter.text(utc(run.asOf())), run.size(),
                run.holdoutSize() > 0 ? String.format(", %,d held out", run.holdoutSize()) : "", run.joined(), run.left());
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
