package dev.ownstack.cli.command;

import dev.ownstack.activation.audience.CompiledAudience;
import dev.ownstack.activation.audience.ModelCatalog;
import dev.ownstack.activation.audience.preview.AudiencePreview;
import dev.ownstack.activation.audience.preview.AudienceSize;
import dev.ownstack.activation.audience.preview.Breakdown;
import dev.ownstack.activation.audience.preview.Overlap;
import dev.ownstack.activation.audience.preview.Sample;
import dev.ownstack.cli.ProjectOption;
import dev.ownstack.cli.output.FormatOption;
import dev.ownstack.cli.output.SectionPrinter;
import dev.ownstack.cli.output.TablePrinter;
import dev.ownstack.core.table.Column;
import dev.ownstack.model.identity.ReportSection;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ownstack audience preview NAME}: size, sample, overlap and breakdown, computed now and not recorded. */
@Command(name = "preview", mixinStandardHelpOptions = true,
        description = {"Preview an audience: size, sample, overlap and breakdown.",
            "",
            "Prints its size among all customers and a sample of members (the first by",
            "customer id); with --overlap, the members it shares with another audience;",
            "with --breakdown, its members counted by a trait, a column of model.customers",
            "or a score of model.customer_scores (the most common values of text, ranges",
            "of numbers and times). Each part is one",
            "query in the warehouse; nothing is recorded (ownstack audience compute is).",
            "",
            "Examples:",
            "  ownstack audience preview big_spenders",
            "  ownstack audience preview big_spenders --columns customer_id,email,revenue --limit 20",
            "  ownstack audience preview big_spenders --overlap lapsed --breakdown revenue --format json"})
final class AudiencePreviewCommand implements Callable<Integer> {
    static final int BUCKETS = 10;

    @Spec
    CommandSpec spec;

    @Mixin
    ProjectOption project;

    @Parameters(paramLabel = "NAME", description = "The audience.")
    String name;

    @Option(names = "--columns", paramLabel = "COLUMN,...", split = ",",
            description = "Traits in the sample (columns of model.customers, scores of model.customer_scores). Default: customer_id, the contact columns and the traits the rule compares.")
    List<String> columns = List.of();

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10",
            description = "Members in the sample, 1 to " + AudiencePreview.MAX_SAMPLE + ". Default: ${DEFAULT-VALUE}.")
    int limit;

    @Option(names = "--overlap", paramLabel = "OTHER", description = "Another audience: members of both, of this one only and of the other only.")
    String overlap;

    @Option(names = "--breakdown", paramLabel = "TRAIT",
            description = "A trait (column of model.customers or score of model.customer_scores): members by its " + BUCKETS + " most common values, or by up to " + BUCKETS + " ranges.")
    String breakdown;

    @Mixin
    FormatOption format;

    @Override
    public Integer call() {
        AudienceSession.checkRange("--limit", limit, 1, AudiencePreview.MAX_SAMPLE);
        List<ReportSection> sections = new ArrayList<>();
        try (AudienceSession session = AudienceSession.open(project.load(), spec.commandLine().getErr())) {
            CompiledAudience audience = session.compile(name);
            AudiencePreview preview = new AudiencePreview(session.warehouse(), session.context().catalog());
            List<String> chosen = columns.isEmpty() ? preview.defaultColumns(session.store().get(name).definition().rule())
                    : session.traits(columns, "--columns").stream().map(ModelCatalog.Trait::name).toList();
            if (breakdown != null) {
                session.traits(List.of(breakdown), "--breakdown");
            }
            CompiledAudience other = overlap == null ? null : session.compile(overlap);

            AudienceSize size = preview.size(audience);
            sections.add(new ReportSection("Size", List.of("audience", "members", "customers", "percent"),
                    List.of(List.of(name, size.members(), size.customers(), percent(size.members(), size.customers())))));
            Sample sample = preview.sample(audience, chosen, limit);
            sections.add(new ReportSection("Sample", sample.columns().stream().map(Column::name).toList(), sample.rows()));
            if (other != null) {
                Overlap shared = preview.overlap(audience, other);
                sections.add(new ReportSection("Overlap", List.of("audience", "other", "audience_size", "other_size", "both", "audience_only",
                        "other_only"), List.of(List.of(shared.audience(), shared.other(), shared.audienceSize(), shared.otherSize(), shared.both(),
                        shared.audienceOnly(), shared.otherOnly()))));
            }
            if (breakdown != null) {
                sections.add(breakdown(preview.breakdown(audience, breakdown, BUCKETS)));
            }
        }
        SectionPrinter.print(sections, format.format, spec.commandLine().getOut());
        return 0;
    }

    private static ReportSection breakdown(Breakdown breakdown) {
        List<List<Object>> rows = new ArrayList<>();
        for (Breakdown.Bucket bucket : breakdown.buckets()) {
            rows.add(List.of(label(bucket), bucket.count(), percent(bucket.count(), breakdown.members())));
        }
        return new ReportSection("Breakdown", List.of(breakdown.trait(), "members", "percent"), rows);
    }

    /** A value as it is, a range as {@code [from, to)}, the rest in words. */
    private static Object label(Breakdown.Bucket bucket) {
        if (bucket instanceof Breakdown.Value value) {
            return value.value();
        }
        if (bucket instanceof Breakdown.Range range) {
            return "[" + TablePrinter.text(range.from()) + ", " + TablePrinter.text(range.to()) + ")";
        }
        if (bucket instanceof Breakdown.Other other) {
            return "other (" + other.values() + (other.values() == 1 ? " value)" : " values)");
        }
        return "no value";
    }

    /** The share in percent with one decimal. */
    static BigDecimal percent(long part, long whole) {
        return whole == 0 ? BigDecimal.ZERO.setScale(1)
                : BigDecimal.valueOf(part * 100).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
    }
}
