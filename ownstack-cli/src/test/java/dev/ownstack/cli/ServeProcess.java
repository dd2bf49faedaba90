package dev.ownstack.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ownstack serve} from the packaged jar in a process of its own, for tests and benchmarks
 * that kill it, squeeze its heap or measure its memory. Its output goes to a log file.
 */
public final class ServeProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final int port;

    private ServeProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts the server on {@code port} with the given JVM options and waits until {@code /health}
     * answers 200 (at most 60 s).
     */
    public static ServeProcess start(Path jar, Path project, int port, List<String> javaOptions, Path log) throws IOException {
        if (!Files.exists(jar)) {
            throw new IllegalStateException("the packaged jar " + jar + " is missing (mvn package builds it)");
        }
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", jar.toString(), "serve", "--project", project.toString(), "--port", Integer.toString(port)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServeProcess server = new ServeProcess(process, log, port);
        server.awaitHealthy(Duration.ofSeconds(60));
        return server;
    }

    /** The jar {@code mvn package} builds in ownstack-cli, from that module's folder. */
    public static Path packagedJar() {
        return Path.of("target", "ownstack.jar").toAbsolutePath();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** The process's peak resident memory (VmHWM) so far, from /proc. */
    public long peakResidentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmHWM in /proc/" + process.pid() + "/status");
    }

    /** SIGKILL: no shutdown hook runs, as in a crash or a power cut of the process. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM: the server stops gracefully. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    private void awaitHealthy(Duration timeout) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("ownstack serve exited: " + log());
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for ownstack serve", e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for ownstack serve", e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("ownstack serve did not become healthy within " + timeout.toSeconds() + " s: " + log());
    }
}
