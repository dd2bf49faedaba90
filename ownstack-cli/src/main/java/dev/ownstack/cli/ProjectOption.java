package dev.ownstack.cli;

import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.core.config.ProjectConfigLoader;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.Warehouses;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --project} option every command takes, and what a command does with it. */
public final class ProjectOption {
    @Option(names = {"-p", "--project"}, paramLabel = "DIR", defaultValue = ".",
            description = "Project folder holding ownstack.yml. Default: the current folder.")
    public Path directory = Path.of(".");

    public ProjectConfig load() {
        return ProjectConfigLoader.withSystemEnvironment().load(directory);
    }

    /** Opens the project's warehouse; waiting for another process is reported on stderr. */
    public static Warehouse openWarehouse(ProjectConfig config, PrintWriter err) {
        return Warehouses.open(config.warehouse(), message -> {
            err.println(message);
            err.flush();
        });
    }
}
