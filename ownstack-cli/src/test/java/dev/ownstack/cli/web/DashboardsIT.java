package dev.ownstack.cli.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboards on the demo's data, signed in as the demo user: every card ends loading, every chart the demo has
 * data for draws marks, the one it has none for says so, "Show data" shows the numbers as a table, and the browser's
 * console stays clean, at a laptop's width and at a wide screen's.
 */
class DashboardsIT {
    /** The cards with a chart drawn from the demo's data. */
    private static final List<String> DRAWN = List.of("dash-customers", "dash-new-returning", "dash-revenue", "dash-cohorts", "dash-rfm",
            "dash-churn", "dash-quality", "dash-identity", "dash-audiences", "dash-syncs");

    @Test
    void draws_every_chart_of_the_demo_and_shows_its_data_as_a_table() {
        WebApp app = WebApp.demo();
        try (Browser browser = new Browser(app.address(), 1440, 2000)) {
            browser.signIn(app.user(), app.password());
            browser.waitFor(By.xpath("//table//a[text()='big_spenders']"));
            browser.click(By.linkText("Dashboards"));
            waitForEveryCard(browser);
            String period = browser.text(By.id("dash-period"));
            assertTrue(period.startsWith("Customers, revenue, cohorts and RFM: the 12 months up to 2024-12-31 (the end of the last month with orders)."),
                    period);
            List<String> unmarked = new ArrayList<>();
            for (String card : DRAWN) {
                List<WebElement> marks = browser.all(By.cssSelector("#" + card + " svg.chart-svg .mark"));
                if (marks.isEmpty()) {
                    unmarked.add(card + ": " + browser.text(By.id(card)));
                }
            }
            assertEquals(List.of(), unmarked, "cards without marks");
            assertEquals("The last identity run dropped no links.", browser.text(By.cssSelector("#dash-dropped .chart-empty")));
            assertTrue(browser.all(By.cssSelector("#dash-quality svg.chart-svg")).size() >= 2, "AUC bars and calibration lines");

            WebElement toggle = browser.waitFor(By.cssSelector("#dash-revenue .chart-toggle"));
            assertEquals("false", toggle.getAttribute("aria-expanded"));
            toggle.click();
            assertEquals("true", toggle.getAttribute("aria-expanded"));
            WebElement data = browser.waitFor(By.cssSelector("#dash-revenue .chart-data table"));
            assertEquals("Month", data.findElement(By.cssSelector("thead th")).getText());
            assertEquals(12, data.findElements(By.cssSelector("tbody tr")).size(), "one row per month");
            String title = browser.all(By.cssSelector("#dash-revenue svg.chart-svg .mark title")).get(0).getAttribute("textContent");
            assertTrue(title.matches("[A-Z][a-z]{2} 2024 · Gross revenue: [0-9,.]+"), title);
            toggle.click();
            assertFalse(data.isDisplayed(), "Hide data hides the table again");
            browser.script("document.activeElement.blur(); window.scrollTo(0, 0);");
            browser.screenshot("dashboards");
            browser.assertNoConsoleErrors();
        }
    }

    @Test
    void the_period_controls_redraw_the_charts_and_the_wide_layout_holds() {
        WebApp app = WebApp.demo();
        try (Browser browser = new Browser(app.address(), 2560, 1440)) {
            browser.signIn(app.user(), app.password());
            browser.waitFor(By.xpath("//table//a[text()='big_spenders']"));
            browser.click(By.linkText("Dashboards"));
            waitForEveryCard(browser);
            browser.type(By.id("dash-as-of"), "06/30/2024");
            browser.waitFor(By.cssSelector("label[for='dash-months']"));
            browser.driver().findElement(By.cssSelector("#dash-months option[value='3']")).click();
            browser.click(By.id("dash-apply"));
            browser.waitUntil(driver -> driver.getCurrentUrl().contains("as_of=2024-06-30"));
            waitForEveryCard(browser);
            assertEquals(3, browser.all(By.cssSelector("#dash-new-returning svg.chart-svg .axis.x text")).size());
            assertTrue(browser.text(By.id("dash-period")).startsWith("Customers, revenue, cohorts and RFM: the 3 months up to 2024-06-30."));
            long columns = (Long) browser.script("return getComputedStyle(document.querySelector('.dash-grid')).gridTemplateColumns.split(' ').length;");
            assertEquals(3, columns, "three cards a row on a wide screen");
            browser.screenshot("dashboards-wide");
            browser.assertNoConsoleErrors();
        }
    }

    /** Waits until every card has drawn (or failed); the demo's JVM shares a slow machine, so the wait is long. */
    private static void waitForEveryCard(Browser browser) {
        try {
            new WebDriverWait(browser.driver(), Duration.ofSeconds(120)).until(driver -> !driver.findElements(By.cssSelector(".chart-card")).isEmpty()
                    && driver.findElements(By.cssSelector(".chart-card [aria-busy='true']")).isEmpty());
        } catch (TimeoutException e) {
            throw new AssertionError("the dashboards did not finish drawing; the page shows: " + browser.driver().findElement(By.id("main")).getText(), e);
        }
        assertEquals(List.of(), browser.all(By.cssSelector(".chart-card .problem")).stream().map(WebElement::getText).toList());
    }
}
