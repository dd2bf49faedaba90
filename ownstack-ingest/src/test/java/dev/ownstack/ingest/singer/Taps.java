package dev.ownstack.ingest.singer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.core.config.OnError;
import dev.ownstack.core.config.SourceConfig;
import dev.ownstack.warehouse.Warehouse;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Builds Singer sources that run {@link ReplayTap} over a recording in {@code src/test/resources/singer}. */
final class Taps {
    static final String SECRET = "tap-Secret-9f3a7c";

    private Taps() {
    }

    static SourceConfig.Singer source(String recording, OnError onError, String... options) {
        return new SourceConfig.Singer("shop", command(recording, options), Path.of("."), Optional.of(tapConfig()), Optional.empty(), "shop_", onError);
    }

    static List<String> command(String recording, String... options) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), ReplayTap.class.getName(), recording(recording).toString()));
        command.addAll(Arrays.asList(options));
        return command;
    }

    static Path recording(String name) {
        try {
            return Path.of(Taps.class.getResource("/singer/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no test recording singer/" + name, e);
        }
    }

    static JsonNode tapConfig() {
        var config = new ObjectMapper().createObjectNode();
        config.put("api_url", "https://api.shop.example.com");
        config.put("api_token", SECRET);
        config.put("start_date", "2024-01-01T00:00:00Z");
        return config;
    }

    /** Every row of a table as text, ordered by the given columns, to compare whole tables. */
    static List<String> rows(Warehouse warehouse, String table, String orderBy) {
        return warehouse.queryAll("SELECT * FROM " + table + " ORDER BY " + orderBy).rows().stream()
                .map(row -> Arrays.toString(Arrays.stream(row).map(value -> value instanceof Number number
                        ? Double.toString(number.doubleValue()) : String.valueOf(value)).toArray())).toList();
    }

    static long count(Warehouse warehouse, String table) {
        return ((Number) warehouse.queryAll("SELECT count(*) FROM " + table).singleValue()).longValue();
    }
}
