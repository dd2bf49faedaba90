package dev.ownstack.server.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * analytics.js ({@code @segment/analytics-next}) in headless Debian Chromium, on a page of another
 * origin than the collector (so every request is a CORS request with a preflight), delivers to
 * the collector with its default one-request-per-event delivery and with batching, and every
 * event lands once. Needs {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}
 * (Debian packages chromium and chromium-driver, installed by .ci/run).
 */
class AnalyticsJsBrowserIT {
    private static final int TRACKS = 12;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    private HttpServer pages;
    private ChromeDriver browser;

    @BeforeEach
    void serve_the_page_and_start_the_browser() throws Exception {
        Path sdk = SdkPackages.installed();
        pages = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        pages.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            Path file = path.startsWith("/analytics-next/")
                    ? sdk.resolve("node_modules/@segment/analytics-next/dist").resolve(path.substring("/analytics-next/".length())).normalize()
                    : sdk.resolve(path.substring(1)).normalize();
            if (!file.startsWith(sdk) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            byte[] body = Files.readAllBytes(file);
            exchange.getResponseHeaders().set("Content-Type", path.endsWith(".html") ? "text/html; charset=utf-8" : "text/javascript");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        pages.start();

        for (String binary : List.of("/usr/bin/chromium", "/usr/bin/chromedriver")) {
            assertTrue(new File(binary).canExecute(), binary + " is missing: apt-get install chromium chromium-driver (.ci/run does)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + Files.createDirectories(folder.resolve("chromium-profile")));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (pages != null) {
            pages.stop(0);
        }
    }

    @ParameterizedTest(name = "batching {0}")
    @ValueSource(booleans = {false, true})
    void analytics_js_delivers_every_event_exactly_once_across_origins(boolean batching) throws Exception {
        String pageOrigin = "http://127.0.0.1:" + pages.getAddress().getPort();
        try (SdkCollector collector = SdkCollector.start(folder, List.of(pageOrigin))) {
            String run = "browser-" + batching;
            browser.get(pageOrigin + "/browser.html?collector=127.0.0.1:" + collector.port() + "&writeKey=" + SdkCollector.WRITE_KEY
                    + "&run=" + run + "&count=" + TRACKS + "&batching=" + batching);
            JavascriptExecutor script = browser;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!"sent".equals(script.executeScript("return document.getElementById('status').textContent"))) {
                Object failure = script.executeScript("return window.failure || null");
                assertNull(failure, "analytics.js failed in the page");
                assertTrue(System.nanoTime() < deadline, "the page did not finish sending");
                Thread.sleep(100);
            }
            List<JsonNode> sent = new ArrayList<>();
            for (JsonNode event : JSON.readTree(String.valueOf(script.executeScript("return JSON.stringify(window.sent)")))) {
                sent.add(event);
            }
            assertEquals(TRACKS + 2, sent.size());
            Map<String, SdkCollector.Row> rows = collector.awaitRows(sent.stream().map(e -> e.get("messageId").asText()).toList(),
                    Duration.ofSeconds(30));
            Map<String, Long> requests = collector.requestsByEndpoint();
            if (batching) {
                assertTrue(requests.getOrDefault("batch", 0L) > 0 && requests.getOrDefault("batch", 0L) < sent.size(),
                        "batching delivery posts several events per request to /v1/b: " + requests);
            } else {
                assertEquals(null, requests.get("batch"), "one request per event, to /v1/t, /v1/i and /v1/p: " + requests);
                assertEquals((long) TRACKS, requests.get("track"), requests.toString());
            }
            for (JsonNode event : sent) {
                SdkCollector.Row row = rows.get(event.get("messageId").asText());
                assertTrue(row.messageId().startsWith("ajs-next-"), row.messageId());
                assertEquals(event.get("type").asText(), row.type());
                assertEquals(event.get("anonymousId").asText(), row.anonymousId(), "analytics.js always sends an anonymous id");
                assertEquals(event.get("userId").isNull() ? null : event.get("userId").asText(), row.userId());
                if (row.type().equals("track")) {
                    assertEquals("Button Clicked", row.event());
                    assertEquals(event.get("properties"), row.properties());
                } else if (row.type().equals("identify")) {
                    assertEquals(event.get("traits"), row.traits());
                } else {
                    assertEquals("page", row.type());
                    assertEquals("Getting started", row.name());
                    assertEquals("intro", row.properties().get("section").asText());
                }
                assertEquals("analytics.js", row.context().at("/library/name").asText());
                assertTrue(row.context().at("/userAgent").asText().contains("Chrome"), "the browser's user agent is kept");
                assertEquals("127.0.0.1", row.ip(), "the client address comes from the connection");
            }
        }
    }
}
