package dev.ownstack.cli.web;

import dev.ownstack.cli.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ownstack demo} as a user starts it: a separate JVM that builds the demo project (300
 * people), starts the server on a free port and prints the address and the demo user's sign-in.
 * One demo serves every browser test of the JVM; it is stopped (SIGTERM, as Ctrl-C) when the JVM
 * ends. Tests give what they create names of their own, so they do not meet.
 */
public final class WebApp {
    private static final Pattern ADDRESS = Pattern.compile("^  (http://127\\.0\\.0\\.1:[0-9]+)/app/$");
    private static final Pattern SIGN_IN = Pattern.compile("^  sign in as (\\S+) with the password (\\S+) \\(an admin\\)$");
    private static WebApp running;

    private final Process process;
    private final String address;
    private final String user;
    private final String password;
    private final Path project;
    private final List<String> output;


    private WebApp(Process process, String address, String user, String password, Path project, List<String> output) {
        this.process = process;
        this.address = address;
        this.user = user;
        this.password = password;
        this.project = project;
        this.output = output;
    }

    /** The demo's server, started on first use. */
    public static synchronized WebApp demo() {
        if (running == null) {
            running = start();
            Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "web-app-demo-stop"));
        }
        return running;
    }

    private static WebApp start() {
        try {
            Path folder = Files.createTempDirectory("ownstack-web-demo");
            Path project = folder.resolve("demo");
            List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "demo", "--dir", project.toString(), "--customers", "300", "--port", "0");
            Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            List<String> output = new ArrayList<>();
            String address = null;
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
                Matcher at = ADDRESS.matcher(line);
                if (at.matches()) {
                    address = at.group(1);
                }
                Matcher signIn = SIGN_IN.matcher(line);
                if (signIn.matches() && address != null) {
                    Thread drain = new Thread(() -> lines.lines().forEach(output::add), "web-app-demo-output");
                    drain.setDaemon(true);
                    drain.start();
                    return new WebApp(process, address, signIn.group(1), signIn.group(2), project, output);
                }
            }
            process.waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("ownstack demo ended without serving the web app:\n" + String.join("\n", output));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** http://127.0.0.1:PORT */
    public String address() {
        return address;
    }

    /** The demo user's name (an admin). */
    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** The demo project's folder (its ownstack.yml and warehouse.duckdb). */
    public Path project() {
        return project;
    }

    /** The last lines the demo's process printed (its server's warnings among them), when it runs. */
    static synchronized String lastLines(int count) {
        if (running == null) {
            return "(no demo running)";
        }
        List<String> lines = running.output();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    /** Everything the demo printed so far. */
    public List<String> output() {
        return List.copyOf(output);
    }

    /** A call to the server's REST API with the demo's admin key (server.api-keys of the demo project). */
    public HttpResponse<String> api(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(address + path)).header("Authorization", "Bearer " + DEMO_API_KEY);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The admin key the demo writes into its ownstack.yml. */
    public static final String DEMO_API_KEY = "demo-api-key-for-this-demo-only";

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
        }
    }
}
