package dev.ownstack.ingest.singer;

import dev.ownstack.core.config.SourceConfig;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A running tap: {@code command --config <file> [--state <file>] [--catalog <file>]}. The
 * configuration (which holds credentials) and the state go to temporary files readable by the
 * owner only, deleted on {@link #close()}. The tap's stderr is read on its own thread, masked,
 * logged at DEBUG and its last lines kept for error messages. One thread reads stdout.
 */
final class TapProcess implements AutoCloseable {
    private static final int STDERR_TAIL_LINES = 20;
    private static final System.Logger LOG = System.getLogger(TapProcess.class.getName());

    private final String source;
    private final Process process;
    private final BufferedReader stdout;
    private final Thread stderrReader;
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final List<Path> files;

    private TapProcess(String source, Process process, List<Path> files, SecretMask mask) {
        this.source = source;
        this.process = process;
        this.files = files;
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8), 1 << 16);
        this.stderrReader = new Thread(() -> readStderr(mask), "tap-stderr-" + source);
        this.stderrReader.setDaemon(true);
        this.stderrReader.start();
    }

    static TapProcess start(SourceConfig.Singer config, Optional<String> state, SecretMask mask) {
        List<Path> files = new ArrayList<>();
        try {
            List<String> command = new ArrayList<>(config.command());
            Path configFile = privateFile("config", files);
            Files.writeString(configFile, config.tapConfig().map(Object::toString).orElse("{}"), StandardCharsets.UTF_8);
            command.add("--config");
            command.add(configFile.toString());
            if (state.isPresent()) {
                Path stateFile = privateFile("state", files);
                Files.writeString(stateFile, state.get(), StandardCharsets.UTF_8);
                command.add("--state");
                command.add(stateFile.toString());
            }
            if (config.catalog().isPresent()) {
                command.add("--catalog");
                command.add(Path.of(config.catalog().get()).toAbsolutePath().toString());
            }
            ProcessBuilder builder = new ProcessBuilder(command).directory(config.workingDirectory().toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            Process process = builder.start();
            process.getOutputStream().close();
            return new TapProcess(config.name(), process, files, mask);
        } catch (IOException e) {
            files.forEach(TapProcess::deleteQuietly);
            throw new OwnstackException(ErrorCode.SOURCE_FAILED, "cannot start the tap of source '" + config.name() + "' ("
                    + mask.apply(String.join(" ", config.command())) + "): " + mask.apply(String.valueOf(e.getMessage())), e);
        }
    }

    private static Path privateFile(String kind, List<Path> files) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        Path file = Files.createTempFile("ownstack-tap-" + kind + "-", ".json", attributes);
        files.add(file);
        return file;
    }

    private void readStderr(SecretMask mask) {
        try (BufferedReader stderr = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = stderr.readLine(); line != null; line = stderr.readLine()) {
                String masked = mask.apply(line);
                LOG.log(System.Logger.Level.DEBUG, () -> "tap " + source + ": " + masked);
                synchronized (stderrTail) {
                    stderrTail.addLast(masked);
                    if (stderrTail.size() > STDERR_TAIL_LINES) {
                        stderrTail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // the stream closes when the tap is killed; its exit code tells what happened
        }
    }

    /** The next line of the tap's output, or empty at its end. */
    Optional<String> readLine() {
        try {
            return Optional.ofNullable(stdout.readLine());
        } catch (IOException e) {
            throw new OwnstackException(ErrorCode.SOURCE_FAILED, "cannot read the output of the tap of source '" + source + "': "
                    + e.getMessage(), e);
        }
    }

    /** Waits for the tap to exit after its output ended, then for the rest of its stderr. */
    int waitForExit() {
        try {
            int exit = process.waitFor();
            stderrReader.join(TimeUnit.SECONDS.toMillis(5));
            return exit;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OwnstackException(ErrorCode.SOURCE_FAILED, "interrupted while waiting for the tap of source '" + source + "'", e);
        }
    }

    /** The last lines the tap wrote to stderr, masked, one per line. */
    String stderrTail() {
        synchronized (stderrTail) {
            return String.join("\n", stderrTail);
        }
    }

    /** Stops the tap if it still runs (with anything it started) and deletes the private files. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                stdout.close();
            } catch (IOException e) {
                // the process is gone; nothing more to read
            }
            files.forEach(TapProcess::deleteQuietly);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the file lives in the temporary folder, readable by the owner only
            LOG.log(System.Logger.Level.WARNING, "cannot delete temporary tap file " + file + ": " + e.getMessage());
        }
    }
}
