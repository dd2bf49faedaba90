package dev.ownstack.ingest.singer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in Singer tap, run as its own process: replays a recorded tap output (one message per
 * line) and, like a real tap, resumes after the STATE it is given with {@code --state}: it sends
 * the streams' SCHEMA messages again, then what the recording holds after that STATE.
 *
 * <pre>
 * ReplayTap recording.jsonl --config c.json [--state s.json] [--catalog k.json]
 *     [--fail-after N]       write N lines, then a message to stderr and exit 1
 *     [--stop-after-states N] exit 0 after the N-th STATE written (the source had no more data yet)
 *     [--ignore-state]       replay from the start whatever the state
 *     [--print-config]       write the configuration to stderr (a careless tap)
 *     [--copy-config-to F]   copy the configuration to F and its path and permissions to F.meta
 * </pre>
 */
public final class ReplayTap {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReplayTap() {
    }

    public static void main(String[] arguments) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < arguments.length; i++) {
            String argument = arguments[i];
            if (argument.equals("--ignore-state") || argument.equals("--print-config")) {
                options.put(argument, "true");
            } else if (argument.startsWith("--")) {
                options.put(argument, arguments[++i]);
            } else {
                positional.add(argument);
            }
        }
        if (!options.containsKey("--config")) {
            System.err.println("replay tap: --config is required");
            System.exit(2);
        }
        Path config = Path.of(options.get("--config"));
        if (options.containsKey("--print-config")) {
            System.err.println("replay tap: starting with config " + Files.readString(config));
        }
        if (options.containsKey("--copy-config-to")) {
            Path copy = Path.of(options.get("--copy-config-to"));
            Files.copy(config, copy);
            Files.writeString(Path.of(copy + ".meta"), config + "\n"
                    + PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
        }
        List<String> lines = Files.readAllLines(Path.of(positional.get(0)), StandardCharsets.UTF_8);
        List<String> output = lines;
        if (options.containsKey("--state") && !options.containsKey("--ignore-state")) {
            output = resume(lines, JSON.readTree(Files.readString(Path.of(options.get("--state")))));
        }
        long failAfter = Long.parseLong(options.getOrDefault("--fail-after", "-1"));
        long stopAfterStates = Long.parseLong(options.getOrDefault("--stop-after-states", "-1"));
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        long written = 0;
        long states = 0;
        for (String line : output) {
            if (written == failAfter) {
                out.flush();
                System.err.println("replay tap: syncing stream failed");
                System.err.println("replay tap: connection reset by the source after " + written + " messages");
                System.exit(1);
            }
            out.println(line);
            written++;
            if (line.contains("\"type\": \"STATE\"") || line.contains("\"type\":\"STATE\"")) {
                states++;
                if (states == stopAfterStates) {
                    break;
                }
            }
        }
        out.flush();
        System.err.println("replay tap: done, " + written + " messages");
    }

    /** The SCHEMA messages seen before the saved STATE, then everything after it; all of it when the state is unknown. */
    private static List<String> resume(List<String> lines, JsonNode state) throws IOException {
        int position = -1;
        for (int i = 0; i < lines.size(); i++) {
            JsonNode message = parse(lines.get(i));
            if (message != null && "STATE".equals(message.path("type").asText()) && state.equals(message.get("value"))) {
                position = i;
            }
        }
        if (position < 0) {
            System.err.println("replay tap: state not found in the recording, replaying from the start");
            return lines;
        }
        Map<String, String> schemas = new LinkedHashMap<>();
        for (int i = 0; i < position; i++) {
            JsonNode message = parse(lines.get(i));
            if (message != null && "SCHEMA".equals(message.path("type").asText())) {
                schemas.put(message.path("stream").asText(), lines.get(i));
            }
        }
        List<String> resumed = new ArrayList<>(schemas.values());
        resumed.addAll(lines.subList(position + 1, lines.size()));
        return resumed;
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            return null;
        }
    }
}
