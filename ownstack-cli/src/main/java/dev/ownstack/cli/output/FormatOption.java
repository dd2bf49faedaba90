package dev.ownstack.cli.output;

import picocli.CommandLine.Option;

/** The {@code --format} option of every command that prints a list or a table. */
public final class FormatOption {
    @Option(names = "--format", paramLabel = "table|csv|json", defaultValue = "table",
            converter = OutputFormatConverter.class,
            description = "Output format: table (aligned, for reading), csv (header + one line per row, nothing else "
                    + "on stdout) or json (an array of objects). Default: ${DEFAULT-VALUE}.")
    public OutputFormat format = OutputFormat.TABLE;

    /** Accepts the lower-case spelling and names the allowed values otherwise. */
    public static final class OutputFormatConverter implements picocli.CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            for (OutputFormat format : OutputFormat.values()) {
                if (format.name().equalsIgnoreCase(value)) {
                    return format;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not an output format; use table, csv or json");
        }
    }
}
