package dev.ownstack.cli.command;

import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ownstack init [DIR]}: scaffolds a project with a commented {@code ownstack.yml}. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {
            "Create a project: a folder with a commented ownstack.yml, a data/ folder for files to load",
            "and a .gitignore that keeps the embedded warehouse out of version control.",
            "",
            "Example:  ownstack init acme && cd acme && ownstack validate"})
public final class InitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
            description = "Folder to create the project in. Default: the --project folder (the current folder).")
    Path target;

    @Option(names = {"-p", "--project"}, paramLabel = "DIR", defaultValue = ".",
            description = "Project folder, used when DIR is not given. Default: the current folder.")
    Path project;

    @Option(names = "--force", description = "Overwrite an existing ownstack.yml.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        Path directory = target != null ? target : project;
        Path file = directory.resolve(ProjectConfig.FILE_NAME);
        if (Files.exists(file) && !force) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, file + " already exists; use --force to overwrite it");
        }
        Files.createDirectories(directory.resolve("data"));
        String name = directory.toAbsolutePath().normalize().getFileName() == null ? "ownstack"
                : directory.toAbsolutePath().normalize().getFileName().toString();
        Files.writeString(file, template().replace("{{name}}", name));
        Path gitignore = directory.resolve(".gitignore");
        if (!Files.exists(gitignore)) {
            Files.writeString(gitignore, "# the embedded warehouse and its write-ahead log\n*.duckdb\n*.duckdb.wal\n"
                    + "# the key that seals the secrets of destinations saved through the API (docs/SYNCS.md)\n.ownstack-secret.key\n");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Created project '" + name + "' in " + directory.toAbsolutePath().normalize());
        out.println("  " + file + "   (edit it: warehouse and sources)");
        out.println("  " + directory.resolve("data") + "/   (put files to load here)");
        out.println("Next: ownstack validate --project " + directory + "   then   ownstack ingest --project " + directory);
        return 0;
    }

    private static String template() throws IOException {
        try (InputStream in = InitCommand.class.getResourceAsStream("/init/ownstack.yml")) {
            if (in == null) {
                throw new OwnstackException(ErrorCode.INTERNAL, "project template /init/ownstack.yml missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
