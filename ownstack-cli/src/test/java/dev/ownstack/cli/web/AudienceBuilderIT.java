package dev.ownstack.cli.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The audience builder on the demo: the demo user builds an audience of three conditions, one of
 * them a nested "any" group of two alternatives, sees the size follow each step (the count the
 * REST API gives for the same rule), saves it, reopens it, duplicates it and deletes the copy; a
 * viewer sees the audiences without any edit control.
 */
class AudienceBuilderIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAME = "it_builder_buyers";
    private static final String BOUGHT = "{'trait': 'orders', 'operator': 'greater-or-equal', 'value': 1}";
    private static final String VIEWED = "{'event': 'Product Viewed', 'count': {'operator': 'at-least', 'value': 2}, 'within-days': 30}";
    private static final String SPENT = "{'trait': 'revenue', 'operator': 'greater', 'value': 500}";
    private static final String MARKETING = "{'trait': 'accepts_marketing', 'operator': 'equals', 'value': true}";

    private static final Duration PAGE_WAIT = Duration.ofSeconds(120);

    private WebApp app;
    private Browser browser;

    @BeforeEach
    void open() {
        app = WebApp.demo();
        browser = new Browser(app.address());
    }

    @AfterEach
    void close() {
        browser.close();
    }

    @Test
    void builds_saves_reopens_duplicates_and_deletes_an_audience() {
        browser.signIn(app.user(), app.password());
        browser.open("audiences");
        browser.waitFor(By.cssSelector("a[data-audience='big_spenders']"));
        browser.waitFor(By.cssSelector("button[data-recipe]"));
        browser.screenshot("audiences");

        browser.click(By.id("new-audience"));
        waitForMembers(members("{'all': []}"));
        browser.click(By.id("rule-add-condition"));
        choose("rule-all-0-trait", "orders");
        choose("rule-all-0-operator", "greater-or-equal");
        browser.type(By.id("rule-all-0-value"), "1");
        waitForMembers(members("{'all': [" + BOUGHT + "]}"));

        browser.click(By.id("rule-add-condition"));
        choose("rule-all-1-type", "event");
        choose("rule-all-1-event", "Product Viewed");
        browser.type(By.id("rule-all-1-count"), "2");
        choose("rule-all-1-window", "last");
        long twoConditions = members("{'all': [" + BOUGHT + ", " + VIEWED + "]}");
        waitForMembers(twoConditions);

        browser.click(By.id("rule-add-group"));
        browser.waitUntil(driver -> !String.valueOf(twoConditions).equals(membersShown()) && "ready".equals(state()));
        choose("rule-all-2-any-0-trait", "revenue");
        choose("rule-all-2-any-0-operator", "greater");
        browser.type(By.id("rule-all-2-any-0-value"), "500");
        long oneAlternative = members("{'all': [" + BOUGHT + ", " + VIEWED + ", {'any': [" + SPENT + "]}]}");
        waitForMembers(oneAlternative);
        browser.click(By.id("rule-all-2-add-condition"));
        choose("rule-all-2-any-1-trait", "accepts_marketing");
        String rule = "{'all': [" + BOUGHT + ", " + VIEWED + ", {'any': [" + SPENT + ", " + MARKETING + "]}]}";
        long built = members(rule);
        assertNotEquals(oneAlternative, built, "the second alternative widens the group on the demo data");
        waitForMembers(built);
        String words = "Customers who have orders of at least 1 and did \"Product Viewed\" at least 2 times in the last 30 days"
                + " and (have revenue above 500 or have accepts_marketing of true).";
        assertEquals(words, browser.text(By.id("audience-words")));

        browser.type(By.id("audience-name"), NAME);
        browser.click(By.id("audience-save"));
        waitForHeading(browser, "Audience " + NAME);
        assertSameRule(json(rule), saved(NAME).path("definition").path("rule"));

        browser.open("audiences");
        browser.click(By.cssSelector("a[data-audience='" + NAME + "']"));
        waitForHeading(browser, "Audience " + NAME);
        waitForMembers(built);
        assertEquals(words, browser.text(By.id("audience-words")), "the rule reads back");
        assertEquals("orders", new Select(browser.waitFor(By.id("rule-all-0-trait"))).getFirstSelectedOption().getAttribute("value"));
        assertEquals("any", new Select(browser.waitFor(By.id("rule-all-2-match"))).getFirstSelectedOption().getAttribute("value"));
        browser.click(By.cssSelector("details.sql summary"));
        assertTrue(browser.text(By.id("audience-sql")).startsWith("SELECT c.\"customer_id\" FROM \"model\".\"customers\" AS c"),
                browser.text(By.id("audience-sql")));
        browser.script("window.scrollTo(0, 0)");
        browser.screenshot("audience-builder");

        browser.click(By.id("audience-duplicate"));
        waitForHeading(browser, "Audience " + NAME + "_copy");
        assertSameRule(json(rule), saved(NAME + "_copy").path("definition").path("rule"));
        browser.click(By.cssSelector("[data-role='delete']"));
        browser.click(By.cssSelector("[data-role='confirm-delete']"));
        browser.waitFor(By.id("new-audience"));
        assertEquals(404, app.api("GET", "/api/audiences/" + NAME + "_copy", null).statusCode());
        browser.assertNoConsoleErrors();

        try (Browser wide = new Browser(app.address(), 1920, 1080)) {
            wide.signIn(app.user(), app.password());
            wide.open("audiences/" + NAME);
            waitForHeading(wide, "Audience " + NAME);
            wide.waitUntil(driver -> "ready".equals(wide.waitFor(By.id("audience-preview")).getAttribute("data-state")));
            wide.screenshot("audience-builder-wide");
            wide.assertNoConsoleErrors();
        }
        assertEquals(204, app.api("DELETE", "/api/audiences/" + NAME, null).statusCode());
    }

    @Test
    void a_viewer_sees_the_audiences_without_edit_controls() {
        HttpResponse<String> created = app.api("POST", "/api/users", "{\"name\": \"it_viewer\", \"role\": \"viewer\", \"password\": \"viewer-password-1\"}");
        assertTrue(created.statusCode() == 201 || created.statusCode() == 409, created.body());
        browser.signIn("it_viewer", "viewer-password-1");
        browser.open("audiences");
        browser.waitFor(By.cssSelector("a[data-audience='big_spenders']"));
        for (String role : List.of("new-audience", "duplicate", "delete", "recipe")) {
            assertFalse(browser.present(By.cssSelector("[data-role='" + role + "']")), role);
        }
        browser.open("audiences/big_spenders");
        browser.waitUntil(driver -> "ready".equals(state()));
        for (String role : List.of("save", "duplicate", "delete", "add-condition", "add-group", "remove", "add-property")) {
            assertFalse(browser.present(By.cssSelector("[data-role='" + role + "']")), role);
        }
        assertFalse(browser.waitFor(By.id("rule-all-0-type")).isEnabled(), "the pickers are read-only");
        assertFalse(browser.text(By.id("audience-words")).isEmpty());
        browser.assertNoConsoleErrors();
    }

    /**
     * Waits for a page's heading, longer than Browser waits: a page of the builder makes three
     * requests to a demo server on a machine shared with other builds. On a timeout, says what the
     * page shows instead.
     */
    private static void waitForHeading(Browser on, String heading) {
        try {
            new WebDriverWait(on.driver(), PAGE_WAIT).until(ExpectedConditions.textToBe(By.cssSelector("main h1"), heading));
        } catch (TimeoutException e) {
            on.screenshot("audience-builder-timeout");
            throw new AssertionError("waited for the heading \"" + heading + "\"; the page shows: "
                    + on.driver().findElement(By.tagName("body")).getText() + "\nconsole: " + on.consoleErrors(), e);
        }
    }

    private void choose(String id, String value) {
        new Select(browser.waitFor(By.id(id))).selectByValue(value);
    }

    private String state() {
        return browser.waitFor(By.id("audience-preview")).getAttribute("data-state");
    }

    private String membersShown() {
        return browser.waitFor(By.id("audience-size")).getAttribute("data-members");
    }

    private void waitForMembers(long expected) {
        new WebDriverWait(browser.driver(), PAGE_WAIT).until(driver -> "ready".equals(state()) && String.valueOf(expected).equals(membersShown()));
    }

    /** The members the REST API counts for a rule (single quotes for double). */
    private long members(String rule) {
        HttpResponse<String> response = app.api("POST", "/api/audiences/preview",
                "{\"definition\": {\"rule\": " + rule.replace('\'', '"') + "}, \"sample\": {\"limit\": 0}}");
        assertEquals(200, response.statusCode(), response.body());
        return read(response.body()).path("size").path("members").asLong();
    }

    private JsonNode saved(String name) {
        HttpResponse<String> response = app.api("GET", "/api/audiences/" + name, null);
        assertEquals(200, response.statusCode(), response.body());
        return read(response.body());
    }

    /** The same JSON, numbers compared by value (1 and 1.0 alike). */
    private static void assertSameRule(JsonNode expected, JsonNode actual) {
        assertTrue(expected.equals((a, b) -> a.isNumber() && b.isNumber() ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1, actual),
                "expected " + expected + " but was " + actual);
    }

    private static JsonNode json(String singleQuoted) {
        return read(singleQuoted.replace('\'', '"'));
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
