package dev.ownstack.cli.command;

import dev.ownstack.cli.ProjectOption;
import dev.ownstack.cli.output.FormatOption;
import dev.ownstack.cli.output.TablePrinter;
import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.warehouse.ResultColumn;
import dev.ownstack.warehouse.RowHandler;
import dev.ownstack.warehouse.Warehouse;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ownstack sql "QUERY"}: runs one statement on the project's warehouse. */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {
            "Run one SQL statement on the project's warehouse, in that engine's dialect, and print the rows.",
            "Rows stream as they come, so large results don't fill memory. Statements that return no rows",
            "(CREATE, INSERT ...) print how many rows they changed on stderr.",
            "",
            "Examples:",
            "  ownstack sql \"select count(*) from raw.orders\"",
            "  ownstack sql \"select * from raw.orders\" --format csv > orders.csv",
            "  ownstack sql \"select table_schema, table_name from information_schema.tables\" --format json"})
public final class SqlCommand implements Callable<Integer> {
    private static final Set<String> QUERY_KEYWORDS = Set.of("select", "with", "from", "values", "table", "show", "describe",
            "explain", "pragma", "summarize", "(");

    @Spec
    CommandSpec spec;

    @Mixin
    ProjectOption project;

    @Mixin
    FormatOption format;

    @Parameters(index = "0", paramLabel = "QUERY", description = "The SQL statement, quoted as one argument.")
    String sql;

    @Override
    public Integer call() {
        ProjectConfig config = project.load();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Warehouse warehouse = ProjectOption.openWarehouse(config, err)) {
            if (returnsRows(sql)) {
                TablePrinter printer = new TablePrinter(format.format, out);
                warehouse.query(sql, List.of(), new RowHandler() {
                    @Override
                    public void columns(List<ResultColumn> columns) {
                        printer.columns(columns.stream().map(ResultColumn::name).toList());
                    }

                    @Override
                    public void row(Object[] values) {
                        printer.row(values);
                    }
                });
                printer.finish();
            } else {
                long changed = warehouse.execute(sql);
                err.println("OK, " + changed + (changed == 1 ? " row" : " rows") + " changed");
                err.flush();
            }
        }
        return 0;
    }

    static boolean returnsRows(String sql) {
        String trimmed = sql.stripLeading().toLowerCase(Locale.ROOT);
        if (trimmed.startsWith("(")) {
            return true;
        }
        int end = 0;
        while (end < trimmed.length() && Character.isLetter(trimmed.charAt(end))) {
            end++;
        }
        return QUERY_KEYWORDS.contains(trimmed.substring(0, end));
    }
}
