package dev.ownstack.cli.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web app as a new user meets it, in one go on the server {@code ownstack demo} starts: an
 * editor the admin added signs in, goes to Audiences from the navigation, builds an audience of
 * three conditions and a nested "any" group while the size follows every change, saves it, creates
 * a sync of it to the demo's webhook destination, dry-runs it, runs it and finds the run in the
 * history. Then a viewer walks every page: each renders with no console error, and none offers
 * an edit control.
 */
class NewUserJourneyIT {
    private static final Duration SLOW = Duration.ofSeconds(120);
    private static final String AUDIENCE = "journey_buyers";
    private static final String SYNC = "journey-to-crm";

    private WebApp app;
    private Browser browser;

    @BeforeEach
    void open() {
        app = WebApp.demo();
        browser = new Browser(app.address(), 1440, 1200);
    }

    @AfterEach
    void close() {
        browser.close();
    }

    @Test
    void an_editor_builds_an_audience_syncs_it_to_the_webhook_and_sees_the_run() {
        assertEquals(201, app.api("POST", "/api/users", "{\"name\": \"journey-editor\", \"role\": \"editor\", \"password\": \"editor-password-1\"}")
                .statusCode());
        browser.signIn("journey-editor", "editor-password-1");
        assertEquals("editor", browser.text(By.id("signed-in-role")));
        browser.click(By.xpath("//nav//a[text()='Audiences']"));
        browser.click(By.id("new-audience"));
        List<String> sizes = new ArrayList<>();
        sizes.add(settledSize(null));

        browser.click(By.id("rule-add-condition"));
        choose("rule-all-0-trait", "orders");
        choose("rule-all-0-operator", "greater-or-equal");
        browser.type(By.id("rule-all-0-value"), "1");
        sizes.add(settledSize(sizes.get(sizes.size() - 1)));

        browser.click(By.id("rule-add-condition"));
        choose("rule-all-1-type", "event");
        choose("rule-all-1-event", "Product Viewed");
        browser.type(By.id("rule-all-1-count"), "2");
        choose("rule-all-1-window", "last");
        sizes.add(settledSize(sizes.get(sizes.size() - 1)));

        browser.click(By.id("rule-add-group"));
        sizes.add(settledSize(sizes.get(sizes.size() - 1)));
        choose("rule-all-2-any-0-trait", "revenue");
        choose("rule-all-2-any-0-operator", "greater");
        browser.type(By.id("rule-all-2-any-0-value"), "500");
        sizes.add(settledSize(sizes.get(sizes.size() - 1)));
        browser.click(By.id("rule-all-2-add-condition"));
        choose("rule-all-2-any-1-trait", "accepts_marketing");
        String built = String.valueOf(members());
        new WebDriverWait(browser.driver(), SLOW).until(driver -> "ready".equals(browser.waitFor(By.id("audience-preview")).getAttribute("data-state"))
                && built.equals(browser.waitFor(By.id("audience-size")).getAttribute("data-members")));
        sizes.add(built);
        assertTrue(Long.parseLong(built) > 0, "the audience has members: " + sizes);
        assertTrue(browser.text(By.id("audience-words")).contains(" and (have revenue above 500 or have accepts_marketing of true)."),
                browser.text(By.id("audience-words")));

        browser.type(By.id("audience-name"), AUDIENCE);
        browser.click(By.id("audience-save"));
        new WebDriverWait(browser.driver(), SLOW).until(driver -> ("Audience " + AUDIENCE).equals(browser.text(By.cssSelector("main h1"))));

        browser.click(By.xpath("//nav//a[text()='Syncs']"));
        browser.click(By.id("new-sync"));
        browser.type(By.id("sync-name"), SYNC);
        new Select(browser.waitFor(By.id("sync-audience"))).selectByValue(AUDIENCE);
        new Select(browser.waitFor(By.id("sync-destination"))).selectByValue("crm-hook");
        browser.click(By.id("add-field"));
        List<org.openqa.selenium.WebElement> targets = browser.all(By.cssSelector(".map-to"));
        targets.get(targets.size() - 1).sendKeys("first_name");
        List<org.openqa.selenium.WebElement> sources = browser.all(By.cssSelector(".map-from"));
        sources.get(sources.size() - 1).sendKeys("first_name");
        browser.click(By.id("save-sync"));
        browser.waitFor(By.xpath("//h1[text()='" + SYNC + "']"));

        browser.click(By.id("dry-run"));
        String planned = browser.text(By.id("planned"));
        assertTrue(planned.startsWith("A run now would add " + sizes.get(sizes.size() - 1) + ", change 0 and remove 0"), planned + " for sizes " + sizes);
        browser.click(By.id("run-now"));
        browser.waitFor(By.xpath("//section//table//span[contains(@class, 'badge') and text()='succeeded']"));
        browser.screenshot("journey-sync-run");
        browser.assertNoConsoleErrors();
    }

    @Test
    void a_viewer_sees_every_page_render_without_console_errors_and_without_edit_controls() {
        assertEquals(201, app.api("POST", "/api/users", "{\"name\": \"journey-viewer\", \"role\": \"viewer\", \"password\": \"viewer-password-1\"}")
                .statusCode());
        browser.signIn("journey-viewer", "viewer-password-1");
        Map<String, By> pages = new LinkedHashMap<>();
        pages.put("overview", By.xpath("//table//a[text()='big_spenders']"));
        pages.put("dashboards", By.cssSelector("#dash-revenue svg.chart-svg .mark"));
        pages.put("audiences", By.cssSelector("a[data-audience='big_spenders']"));
        pages.put("audiences/big_spenders", By.cssSelector("#audience-preview[data-state='ready']"));
        pages.put("syncs", By.xpath("//table//a[text()='big-spenders-to-outbox']"));
        pages.put("syncs/big-spenders-to-outbox", By.id("sync-runs"));
        pages.put("destinations", By.xpath("//table//a[text()='crm-hook']"));
        pages.put("destinations/crm-hook", By.xpath("//h1[text()='crm-hook']"));
        pages.put("customers", By.id("customer-search"));
        pages.put("admin", By.id("create-key"));
        for (Map.Entry<String, By> page : pages.entrySet()) {
            browser.open(page.getKey());
            new WebDriverWait(browser.driver(), SLOW).until(driver -> browser.present(page.getValue()));
            assertEquals(List.of(), browser.consoleErrors(), "#/" + page.getKey());
            for (String control : List.of("new-audience", "audience-save", "rule-add-condition", "new-sync", "run-now", "edit-sync",
                    "new-destination", "test-connection", "new-user-name")) {
                assertFalse(browser.present(By.id(control)), "#/" + page.getKey() + " offers a viewer " + control);
            }
        }
        assertNotEquals("Nothing here", browser.text(By.cssSelector("main h1")));
    }

    /** What the REST API counts for the rule built here. */
    private long members() {
        String rule = "{\"all\": [{\"trait\": \"orders\", \"operator\": \"greater-or-equal\", \"value\": 1},"
                + " {\"event\": \"Product Viewed\", \"count\": {\"operator\": \"at-least\", \"value\": 2}, \"within-days\": 30},"
                + " {\"any\": [{\"trait\": \"revenue\", \"operator\": \"greater\", \"value\": 500},"
                + " {\"trait\": \"accepts_marketing\", \"operator\": \"equals\", \"value\": true}]}]}";
        var response = app.api("POST", "/api/audiences/preview", "{\"definition\": {\"rule\": " + rule + "}, \"sample\": {\"limit\": 0}}");
        assertEquals(200, response.statusCode(), response.body());
        java.util.regex.Matcher members = java.util.regex.Pattern.compile("\"members\":([0-9]+)").matcher(response.body());
        assertTrue(members.find(), response.body());
        return Long.parseLong(members.group(1));
    }

    /** The member count once the preview has settled on a value other than {@code before}. */
    private String settledSize(String before) {
        new WebDriverWait(browser.driver(), SLOW).until(driver -> {
            String state = browser.waitFor(By.id("audience-preview")).getAttribute("data-state");
            String members = browser.waitFor(By.id("audience-size")).getAttribute("data-members");
            return "ready".equals(state) && members != null && !members.isEmpty() && !members.equals(before);
        });
        return browser.waitFor(By.id("audience-size")).getAttribute("data-members");
    }

    private void choose(String id, String value) {
        new Select(browser.waitFor(By.id(id))).selectByValue(value);
    }
}
