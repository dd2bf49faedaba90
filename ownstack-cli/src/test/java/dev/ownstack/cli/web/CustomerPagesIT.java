package dev.ownstack.cli.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

/**
 * The customer 360 and the Access pages on the demo: a member of the demo's audience is searched by
 * email and shown with every section; an admin adds a viewer, who then sees only their own keys.
 */
class CustomerPagesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] SECTIONS = {"customer-golden", "customer-traits", "customer-audiences", "customer-identities",
        "customer-explain", "customer-events", "customer-transactions"};

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
    void finds_a_demo_customer_by_email_and_shows_every_section() {
        String id = json(app.api("GET", "/api/audiences/big_spenders/changes?from=0&limit=1", null)).path("joined").get(0).asText();
        String email = "";
        for (JsonNode column : json(app.api("GET", "/api/customers/" + id, null)).path("golden_record")) {
            if (column.path("name").asText().equals("email")) {
                email = column.path("value").asText();
            }
        }
        assertFalse(email.isEmpty(), "customer " + id + " has an email");
        signInAt("customers", app.user(), app.password());
        browser.type(By.id("customer-search"), email);
        browser.click(By.id("customer-search-submit"));
        browser.click(By.cssSelector("a.customer-link[href='#/customers/" + id + "']"));
        browser.waitForText(By.id("customer-id"), id);
        for (String section : SECTIONS) {
            browser.waitFor(By.id(section + "-section"));
        }
        String audiences = browser.text(By.id("customer-audiences-section"));
        assertTrue(audiences.contains("big_spenders"), audiences);
        String identities = browser.text(By.id("customer-identities-section"));
        assertTrue(identities.toLowerCase().contains(email.toLowerCase().substring(email.indexOf('@'))), identities);
        assertTrue(browser.text(By.id("customer-explain-section")).contains("Records of " + id));
        assertTrue(browser.all(By.cssSelector("#customer-transactions-section tbody tr")).size() > 0);
        browser.driver().manage().window().setSize(new Dimension(1440, 2200));
        browser.screenshot("customer");
        browser.assertNoConsoleErrors();
    }

    @Test
    void an_admin_adds_a_viewer_who_cannot_see_the_admin_pages() {
        String viewer = "viewer" + System.nanoTime();
        String password = "a-viewer-password-" + System.nanoTime();
        signInAt("admin/users", app.user(), app.password());
        browser.waitFor(By.id("role-" + app.user()));
        browser.type(By.id("new-user-name"), viewer);
        browser.type(By.id("new-user-password"), password);
        browser.click(By.id("new-user-submit"));
        browser.waitFor(By.xpath("//table//span[@class='user-name' and text()='" + viewer + "']"));
        assertEquals("viewer", browser.waitFor(By.id("role-" + viewer)).getAttribute("value"));
        browser.open("admin/audit");
        browser.waitFor(By.xpath("//table//code[text()='user.create']"));
        // the filters go to the server: only the user.create rows come back, and the count says so
        // the action column's code elements have no class (the detail column's have one)
        assertTrue(browser.present(By.xpath("//table//code[not(@class) and text()!='user.create']")));
        browser.type(By.id("audit-action"), "USER.CREATE");
        browser.click(By.id("audit-filter"));
        browser.waitUntil(driver -> driver.getCurrentUrl().contains("action=USER.CREATE")
                && !driver.findElements(By.xpath("//table//code[text()='user.create']")).isEmpty()
                && driver.findElements(By.xpath("//table//code[not(@class) and text()!='user.create']")).isEmpty());
        browser.open("admin/users");
        browser.waitFor(By.id("role-" + viewer));
        browser.screenshot("admin");
        browser.click(By.id("sign-out"));
        // signing in again before the sign-out is answered would draw a page whose requests the ended session refuses
        browser.waitFor(By.id("sign-in-name"));

        signInAt("admin", viewer, password);
        assertEquals("viewer", browser.text(By.id("signed-in-role")));
        browser.waitForText(By.cssSelector("#key-list td"), "You have no API keys.");
        browser.click(By.id("create-key"));
        assertTrue(browser.text(By.id("new-key-text")).length() > 20);
        assertFalse(browser.present(By.linkText("Users")));
        assertFalse(browser.present(By.linkText("Audit log")));
        browser.open("admin/users");
        browser.waitForText(By.id("access-refused"), "This page needs the role admin.");
        assertFalse(browser.present(By.id("new-user-name")));
        browser.assertNoConsoleErrors();
    }

    /**
     * Signs in on the form shown at a route, which then shows that page: no other page's requests run
     * beside the test's (the demo's DuckDB file serves one request at a time best).
     */
    private void signInAt(String route, String name, String password) {
        browser.open(route);
        browser.type(By.id("sign-in-name"), name);
        browser.type(By.id("sign-in-password"), password);
        browser.click(By.id("sign-in-submit"));
        browser.waitFor(By.id("signed-in-user"));
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
