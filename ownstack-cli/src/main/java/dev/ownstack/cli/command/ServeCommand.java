package dev.ownstack.cli.command;

import dev.ownstack.cli.ProjectOption;
import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.core.config.ServerConfig;
import dev.ownstack.core.config.SourceConfig;
import dev.ownstack.core.config.syncs.SyncTrigger;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.server.OwnstackServer;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ownstack serve}: the one HTTP server, with the event collector and its loader. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {
            "Run the ownstack server until stopped (Ctrl-C or SIGTERM): a Segment-compatible event collector for the",
            "project's event sources, its loader into raw.events, /health, and /metrics and the REST API /api/ for",
            "users signed in (POST /api/session) or holding an API key: a user's own (ownstack user key create) or one",
            "of server.api-keys, which act as admin. Add users with ownstack user add NAME --role admin|editor|viewer.",
            "",
            "SDKs send to http://HOST:PORT/v1/track, /v1/batch, /v1/import, ... (analytics.js: apiHost HOST:PORT/v1) with",
            "a write key of an event source. An event is answered 200 only once it is on disk; the loader moves it",
            "into raw.events within collector.load-interval (5 s by default), exactly once.",
            "",
            "Example:  ownstack serve -p acme --port 8080",
            "          curl -u WRITE_KEY: http://127.0.0.1:8080/v1/track -d '{\"userId\":\"u1\",\"event\":\"Signed Up\"}'"})
public final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ProjectOption project;

    @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (0 picks a free one). Default: server.port, else 8080.")
    Integer port;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on. Default: server.bind, else 0.0.0.0.")
    String bind;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProjectConfig config = withOverrides(project.load());
        config.notes().forEach(note -> err.println("note: " + note));
        if (config.eventSources().isEmpty()) {
            err.println("note: ownstack.yml declares no event source (type: events), so the collector accepts no write key");
        }
        OwnstackServer server = OwnstackServer.serve(config, () -> ProjectOption.openWarehouse(config, err));
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "ownstack-serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        describe(config, server.port(), out);
        stopped.await();
        return 0;
    }

    private ProjectConfig withOverrides(ProjectConfig config) {
        ServerConfig server = config.server();
        if (port != null) {
            if (port < 0 || port > 65535) {
                throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "--port " + port + " must be between 0 and 65535");
            }
            server = server.withPort(port);
        }
        if (bind != null) {
            server = server.withBind(bind);
        }
        return config.withServer(server);
    }

    private static void describe(ProjectConfig config, int port, PrintWriter out) {
        String host = config.server().bind().equals("0.0.0.0") ? "127.0.0.1" : config.server().bind();
        out.printf("ownstack serve: project '%s' listening on %s:%d%n", config.name(), config.server().bind(), port);
        for (SourceConfig.Events source : config.eventSources()) {
            out.printf("  event source %-12s %d write key%s, origins %s%n", source.name(), source.writeKeys().size(),
                    source.writeKeys().size() == 1 ? "" : "s", String.join(", ", source.allowedOrigins()));
        }
        out.printf("  collector   http://%s:%d/v1/batch (and /v1/track, /v1/identify, ... /v1/import)%n", host, port);
        out.printf("  log         %s%n", config.collector().kafka().map(kafka -> "kafka " + kafka.bootstrapServers() + " topic " + kafka.topic())
                .orElse(config.collector().logDirectory().toString()));
        out.printf("  loader      into raw.events every %s at most%n", humanDuration(config.collector().loadInterval()));
        out.printf("  health      http://%s:%d/health%s%n", host, port, config.server().apiKeys().isEmpty()
                ? "; /metrics and /api/ for users (ownstack user add) and their keys"
                : "; /metrics and /api/ for users, their keys and server.api-keys");
        List<String> scheduled = config.syncs().values().stream().filter(sync -> sync.trigger() instanceof SyncTrigger.Cron)
                .map(sync -> sync.name() + " (" + ((SyncTrigger.Cron) sync.trigger()).expression() + ")").toList();
        if (!config.syncs().isEmpty()) {
            out.printf("  syncs       %d scheduled%s (UTC); the others run with ownstack sync run or POST /api/syncs/{name}/run%n", scheduled.size(),
                    scheduled.isEmpty() ? "" : ": " + String.join(", ", scheduled));
        }
        out.println("Stop with Ctrl-C; events already acknowledged are kept and loaded on the next start.");
        out.flush();
    }

    private static String humanDuration(java.time.Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
