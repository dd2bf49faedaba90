package dev.ownstack.cli.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * The web app's shell on the server {@code ownstack demo} starts: the demo prints its address and
 * sign-in, a wrong password is refused on the form, the demo user signs in (with the keyboard
 * alone), sees the overview of the demo's audiences and syncs, and signs out.
 */
class ShellIT {
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
    void the_demo_ends_by_serving_the_web_app_and_printing_its_sign_in() {
        assertTrue(app.output().stream().anyMatch(line -> line.equals("  sign in as demo with the password ownstack-demo (an admin)")),
                String.join("\n", app.output()));
        assertEquals(200, app.api("GET", "/api/audiences", null).statusCode());
    }

    @Test
    void a_wrong_password_is_refused_on_the_form() {
        browser.open("");
        browser.type(By.id("sign-in-name"), app.user());
        browser.type(By.id("sign-in-password"), "not-the-password");
        browser.click(By.id("sign-in-submit"));
        browser.waitForText(By.id("sign-in-problem"), "the name or the password is wrong");
        // The refused sign-in is the one expected error in the console (the 401 of POST /api/session).
        assertTrue(browser.consoleErrors().stream().allMatch(error -> error.contains("/api/session") && error.contains("401")));
    }

    @Test
    void signs_in_with_the_keyboard_sees_the_overview_and_signs_out() {
        browser.open("");
        browser.type(By.id("sign-in-name"), app.user());
        browser.waitFor(By.id("sign-in-name")).sendKeys(Keys.TAB, app.password(), Keys.ENTER);
        assertEquals(app.user(), browser.text(By.id("signed-in-user")));
        assertEquals("admin", browser.text(By.id("signed-in-role")));
        browser.waitFor(By.xpath("//table//a[text()='big_spenders']"));
        browser.waitFor(By.xpath("//table//a[text()='big-spenders-to-outbox']"));
        assertEquals("Overview · ownstack", browser.driver().getTitle());
        browser.screenshot("overview");
        browser.driver().navigate().refresh();
        assertEquals(app.user(), browser.text(By.id("signed-in-user")), "the session survives a reload");
        browser.click(By.id("sign-out"));
        browser.waitFor(By.id("sign-in-name"));
        browser.assertNoConsoleErrors();
    }
}
