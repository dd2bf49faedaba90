package dev.ownstack.cli.output;

import dev.ownstack.model.identity.ReportSection;
import java.io.PrintWriter;
import java.util.List;

/**
 * Prints a report of several titled tables: as tables under their titles, as CSV blocks (each
 * with its header, separated by a blank line and preceded by a {@code # title} line), or as one
 * JSON object with an array per title.
 */
public final class SectionPrinter {
    private SectionPrinter() {
    }

    public static void print(List<ReportSection> sections, OutputFormat format, PrintWriter out) {
        if (format == OutputFormat.JSON) {
            out.print("{");
        }
        for (int i = 0; i < sections.size(); i++) {
            ReportSection section = sections.get(i);
            switch (format) {
                case TABLE -> out.println((i == 0 ? "" : "\n") + section.title());
                case CSV -> out.println((i == 0 ? "" : "\n") + "# " + section.title());
                case JSON -> out.print((i == 0 ? "\n" : ",\n") + TablePrinter.jsonString(section.title()) + ": ");
            }
            TablePrinter printer = new TablePrinter(format, out);
            printer.columns(section.columns());
            for (List<Object> row : section.rows()) {
                printer.row(row.toArray());
            }
            if (format == OutputFormat.JSON) {
                // the array closes without its trailing newline so the object can go on
                printer.finishInline();
            } else {
                printer.finish();
            }
        }
        if (format == OutputFormat.JSON) {
            out.println("\n}");
        }
        out.flush();
    }
}
