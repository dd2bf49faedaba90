package dev.ownstack.cli.command;

import dev.ownstack.activation.audience.ModelCatalog;
import dev.ownstack.activation.audience.ScoreTrait;
import dev.ownstack.cli.ProjectOption;
import dev.ownstack.cli.output.FormatOption;
import dev.ownstack.cli.output.TablePrinter;
import dev.ownstack.core.table.Column;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ownstack audience traits}: the traits rules can compare, customer columns and scores. */
@Command(name = "traits", mixinStandardHelpOptions = true,
        description = {"List the traits audience rules can compare.",
            "",
            "The columns of model.customers (attributes and computed traits), then the",
            "scores of model.customer_scores (one column per model output, such as",
            "churn_decile), with the model and version that wrote them. A customer",
            "without scores has no value for a score. A score named like a column of",
            "model.customers is hidden by it; a note on stderr says so.",
            "",
            "Examples:",
            "  ownstack audience traits",
            "  ownstack audience traits --format json"})
final class AudienceTraitsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ProjectOption project;

    @Mixin
    FormatOption format;

    @Override
    public Integer call() {
        TablePrinter printer = new TablePrinter(format.format, spec.commandLine().getOut());
        PrintWriter err = spec.commandLine().getErr();
        try (AudienceSession session = AudienceSession.open(project.load(), err)) {
            ModelCatalog catalog = session.context().catalog();
            printer.columns(List.of("trait", "type", "kind", "model", "version"));
            for (Column column : catalog.customerColumns()) {
                printer.row(new Object[] {column.name(), column.type().name(), "customer", null, null});
            }
            for (ScoreTrait score : catalog.visibleScoreTraits()) {
                printer.row(new Object[] {score.name(), score.column().type().name(), "score", blankAsNull(score.model()),
                    blankAsNull(score.version())});
            }
            printer.finish();
            catalog.notes().forEach(note -> err.println("note: " + note));
            if (catalog.customerColumns().isEmpty()) {
                err.println("note: there is no model.customers yet (run ownstack build)");
            }
        }
        err.flush();
        return 0;
    }

    private static String blankAsNull(String text) {
        return text.isEmpty() ? null : text;
    }
}
