package dev.ownstack.cli.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.activation.audience.CompiledAudience;
import dev.ownstack.activation.audience.store.CompileContext;
import dev.ownstack.activation.audience.store.StoredAudience;
import dev.ownstack.cli.ProjectOption;
import dev.ownstack.cli.output.TablePrinter;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.warehouse.SqlDialect;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ownstack audience sql NAME}: the members query an audience compiles to. */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Print the SQL query an audience compiles to.",
            "",
            "One SELECT of customer_id from model.customers. Values are ? placeholders,",
            "listed in order with their types in a comment above the query; traits,",
            "events and properties were checked against the warehouse and are quoted.",
            "Time windows count back from the as-of time in the comment (models.as-of,",
            "else now). --dialect writes SQL for another engine than the project's,",
            "checked against the project's models: duckdb, postgres, snowflake, bigquery",
            "or redshift (the last three are written for those engines, not run here).",
            "",
            "Examples:",
            "  ownstack audience sql big_spenders",
            "  ownstack audience sql big_spenders --dialect postgres > big_spenders.sql",
            "  ownstack audience sql big_spenders --dialect snowflake"})
final class AudienceSqlCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    ProjectOption project;

    @Parameters(paramLabel = "NAME", description = "The audience.")
    String name;

    @Option(names = "--dialect", paramLabel = "duckdb|postgres|snowflake|bigquery|redshift",
            description = "The engine to write SQL for. Default: the project's warehouse.")
    String dialect;

    @Override
    public Integer call() {
        SqlDialect target = dialect == null ? null : AudienceSession.dialect(dialect);
        PrintWriter out = spec.commandLine().getOut();
        try (AudienceSession session = AudienceSession.open(project.load(), spec.commandLine().getErr())) {
            StoredAudience audience = session.store().get(name);
            CompileContext context = target == null ? session.context() : session.context().withDialect(target);
            CompiledAudience compiled = session.store().compiler(context).compile(audience.definition());
            out.println("-- audience " + name + " compiled for " + compiled.dialect() + " as of " + context.asOf());
            out.println("-- parameters in order: " + parameters(compiled.parameters()));
            out.println(compiled.sql());
        }
        out.flush();
        return 0;
    }

    /** {@code "GB" text, 500 decimal}: each value as JSON writes it, and its type. */
    static String parameters(List<Object> values) {
        if (values.isEmpty()) {
            return "none";
        }
        List<String> described = new ArrayList<>();
        for (Object value : values) {
            described.add(literal(value) + " " + type(value));
        }
        return String.join(", ", described);
    }

    private static String literal(Object value) {
        if (value instanceof String text) {
            try {
                return JSON.writeValueAsString(text);
            } catch (JsonProcessingException e) {
                throw new OwnstackException(ErrorCode.INTERNAL, "cannot write a parameter as JSON: " + e.getMessage(), e);
            }
        }
        return TablePrinter.text(value);
    }

    private static String type(Object value) {
        if (value instanceof String) {
            return "text";
        }
        if (value instanceof BigDecimal) {
            return "decimal";
        }
        if (value instanceof Double) {
            return "double";
        }
        if (value instanceof Integer || value instanceof Long) {
            return "integer";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof LocalDate) {
            return "date";
        }
        if (value instanceof LocalDateTime) {
            return "timestamp";
        }
        if (value instanceof OffsetDateTime) {
            return "timestamptz";
        }
        return value.getClass().getSimpleName();
    }
}
