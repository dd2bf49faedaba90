package dev.ownstack.cli.command;

import dev.ownstack.activation.audience.CompiledAudience;
import dev.ownstack.activation.audience.ModelCatalog;
import dev.ownstack.cli.ProjectOption;
import dev.ownstack.cli.output.FormatOption;
import dev.ownstack.cli.output.TablePrinter;
import dev.ownstack.warehouse.ResultColumn;
import dev.ownstack.warehouse.RowHandler;
import dev.ownstack.warehouse.SqlDialect;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ownstack audience members NAME}: every member, streamed. */
@Command(name = "members", mixinStandardHelpOptions = true,
        description = {"List an audience's members: customer_id and chosen columns.",
            "",
            "Members are computed now, ordered by customer id, with the chosen columns of",
            "model.customers or scores of model.customer_scores (empty for a member",
            "without scores). Rows stream from the warehouse as they come, so a large",
            "audience does not fill memory. Nothing is recorded (ownstack audience",
            "compute records a run).",
            "",
            "Examples:",
            "  ownstack audience members big_spenders --limit 20",
            "  ownstack audience members big_spenders --columns email,first_name --format csv > big_spenders.csv"})
final class AudienceMembersCommand implements Callable<Integer> {
    private static final String CUSTOMER_ID = "customer_id";

    @Spec
    CommandSpec spec;

    @Mixin
    ProjectOption project;

    @Parameters(paramLabel = "NAME", description = "The audience.")
    String name;

    @Option(names = "--columns", paramLabel = "COLUMN,...", split = ",",
            description = "Traits to print after customer_id: columns of model.customers or scores of model.customer_scores. Default: none.")
    List<String> columns = List.of();

    @Option(names = "--limit", paramLabel = "N", description = "At most N members (the first by customer id). Default: all.")
    Integer limit;

    @Mixin
    FormatOption format;

    @Override
    public Integer call() {
        if (limit != null) {
            AudienceSession.checkPositive("--limit", limit);
        }
        TablePrinter printer = new TablePrinter(format.format, spec.commandLine().getOut());
        try (AudienceSession session = AudienceSession.open(project.load(), spec.commandLine().getErr())) {
            CompiledAudience audience = session.compile(name);
            Set<ModelCatalog.Trait> chosen = new LinkedHashSet<>();
            chosen.addAll(session.traits(List.of(CUSTOMER_ID), "--columns"));
            chosen.addAll(session.traits(columns, "--columns"));
            SqlDialect dialect = session.warehouse().dialect();
            String alias = CompiledAudience.CUSTOMERS_ALIAS + ".";
            String from = chosen.stream().anyMatch(ModelCatalog.Trait::score) ? audience.fromWithScores(dialect) : audience.from();
            String sql = "SELECT " + chosen.stream().map(trait -> trait.expression(dialect)).collect(Collectors.joining(", "))
                    + " FROM " + from + " WHERE " + audience.predicate() + " ORDER BY " + alias + dialect.quote(CUSTOMER_ID)
                    + (limit == null ? "" : " LIMIT " + limit);
            session.warehouse().query(sql, audience.parameters(), new RowHandler() {
                @Override
                public void columns(List<ResultColumn> result) {
                    printer.columns(result.stream().map(ResultColumn::name).toList());
                }

                @Override
                public void row(Object[] values) {
                    printer.row(values);
                }
            });
        }
        printer.finish();
        return 0;
    }
}
