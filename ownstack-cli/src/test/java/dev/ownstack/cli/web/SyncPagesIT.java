package dev.ownstack.cli.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The sync and destination pages on the demo's server: an editor creates a webhook destination
 * pointing at a receiver this test runs (testing the connection first), creates a sync of a demo
 * audience to it with a schedule read back in words, previews it, runs it and sees the run in the
 * history, while the receiver gets the records; a viewer sees the pages without any control that
 * changes something.
 */
class SyncPagesIT {
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString("pages-test-secret-24byte".getBytes(StandardCharsets.UTF_8));

    private final List<String> received = new CopyOnWriteArrayList<>();
    private WebApp app;
    private Browser browser;
    private HttpServer receiver;

    @BeforeEach
    void open() throws IOException {
        app = WebApp.demo();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        // Tall enough that a sync's page shows its run history in the screenshot.
        browser = new Browser(app.address(), 1440, 1500);
    }

    @AfterEach
    void close() {
        browser.close();
        receiver.stop(0);
    }

    /** Signs in on the sign-in form shown at {@code route}, which the app then shows. */
    private void signIn(String route, String name, String password) {
        browser.open(route);
        browser.type(By.id("sign-in-name"), name);
        browser.type(By.id("sign-in-password"), password);
        browser.click(By.id("sign-in-submit"));
        browser.waitFor(By.id("signed-in-user"));
    }

    @Test
    void an_editor_creates_a_webhook_destination_and_a_sync_previews_it_runs_it_and_sees_the_run() {
        signIn("destinations", app.user(), app.password());
        browser.waitFor(By.xpath("//table//a[text()='crm-hook']"));
        browser.click(By.id("new-destination"));
        new Select(browser.waitFor(By.id("destination-type"))).selectByValue("webhook");
        browser.type(By.id("destination-name"), "pages-hook");
        browser.type(By.id("setting-url"), "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
        browser.type(By.id("setting-secret"), SECRET);
        assertEquals("password", browser.waitFor(By.id("setting-secret")).getAttribute("type"));
        browser.click(By.id("test-connection"));
        browser.waitUntil(driver -> browser.text(By.id("check-result")).startsWith("connected"));
        browser.screenshot("destination-form");
        browser.click(By.id("save-destination"));
        browser.waitFor(By.xpath("//h1[text()='pages-hook']"));
        assertEquals("", browser.waitFor(By.id("setting-secret")).getAttribute("value"), "a secret is never filled back");
        assertEquals("set; leave empty to keep", browser.waitFor(By.id("setting-secret")).getAttribute("placeholder"));

        browser.open("syncs?new=1");
        browser.type(By.id("sync-name"), "pages-sync");
        new Select(browser.waitFor(By.id("sync-audience"))).selectByValue("big_spenders");
        new Select(browser.waitFor(By.id("sync-destination"))).selectByValue("pages-hook");
        browser.click(By.id("add-field"));
        List<org.openqa.selenium.WebElement> targets = browser.all(By.cssSelector(".map-to"));
        targets.get(targets.size() - 1).sendKeys("first_name");
        List<org.openqa.selenium.WebElement> sources = browser.all(By.cssSelector(".map-from"));
        sources.get(sources.size() - 1).sendKeys("first_name");
        new Select(browser.waitFor(By.id("sync-mode"))).selectByValue("mirror");
        new Select(browser.waitFor(By.id("sync-trigger"))).selectByValue("schedule");
        browser.type(By.id("sync-schedule"), "30 6 * * 1-5");
        browser.waitForText(By.id("schedule-words"), "Runs at 06:30 UTC, on Monday to Friday.");
        browser.screenshot("sync-form");
        browser.click(By.id("save-sync"));
        browser.waitFor(By.xpath("//h1[text()='pages-sync']"));

        browser.click(By.id("dry-run"));
        String planned = browser.text(By.id("planned"));
        assertTrue(planned.startsWith("A run now would add "), planned);
        assertFalse(planned.startsWith("A run now would add 0,"), planned);
        browser.click(By.id("run-now"));
        browser.waitFor(By.xpath("//section//table//span[contains(@class, 'badge') and text()='succeeded']"));
        browser.script("window.scrollTo(0, document.getElementById('sync-runs').getBoundingClientRect().top + window.scrollY - 700)");
        browser.screenshot("sync");
        assertFalse(received.isEmpty(), "the receiver got the records");
        assertTrue(received.stream().anyMatch(body -> body.contains("first_name")), received.get(0));

        browser.open("syncs");
        browser.waitFor(By.xpath("//table//a[text()='pages-sync']"));
        browser.screenshot("syncs");
        browser.open("destinations");
        browser.waitFor(By.xpath("//table//a[text()='pages-hook']"));
        browser.screenshot("destinations");
        browser.assertNoConsoleErrors();
    }

    @Test
    void a_viewer_sees_syncs_and_destinations_without_controls_that_change_them() {
        assertEquals(201, app.api("POST", "/api/users", "{\"name\": \"pages-viewer\", \"role\": \"viewer\", \"password\": \"viewer-password-1\"}")
                .statusCode());
        signIn("syncs", "pages-viewer", "viewer-password-1");
        browser.waitFor(By.xpath("//table//a[text()='big-spenders-to-outbox']"));
        assertFalse(browser.present(By.id("new-sync")));
        browser.click(By.xpath("//table//a[text()='big-spenders-to-outbox']"));
        browser.waitFor(By.id("dry-run"));
        browser.waitFor(By.id("sync-runs"));
        assertFalse(browser.present(By.id("run-now")));
        assertFalse(browser.present(By.id("edit-sync")));
        browser.open("destinations");
        browser.waitFor(By.xpath("//table//a[text()='crm-hook']"));
        assertFalse(browser.present(By.id("new-destination")));
        browser.click(By.xpath("//table//a[text()='crm-hook']"));
        browser.waitFor(By.xpath("//h1[text()='crm-hook']"));
        assertFalse(browser.present(By.id("test-connection")));
        assertFalse(browser.present(By.id("destination-form")));
        browser.assertNoConsoleErrors();
    }
}
