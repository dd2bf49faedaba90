package dev.ownstack.cli.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driving the web app as a user would, with what the browser writes to
 * its console collected: any error there (a failed request, an exception in a script, a CSP
 * violation) fails {@link #assertNoConsoleErrors()}. Needs {@code /usr/bin/chromium} and
 * {@code /usr/bin/chromedriver} (Debian packages chromium and chromium-driver, installed by .ci/run).
 * Screenshots go to {@code target/screenshots/NAME.png}, and also to the folder of the system
 * property {@code screenshots.dir} when set (docs/screenshots/ is made that way).
 */
public final class Browser implements AutoCloseable {
    /** Long enough for a slow, shared machine; a waiting test ends as soon as the page is ready. */
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final Path profile;
    private final String address;
    private final List<String> consoleErrors = new ArrayList<>();

    public Browser(String address) {
        this(address, 1440, 900);
    }

    public Browser(String address, int width, int height) {
        this.address = address;
        try {
            profile = Files.createTempDirectory("ownstack-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Opens a route of the app: {@code open("audiences/vip")} loads /app/#/audiences/vip. */
    public Browser open(String route) {
        driver.get(address + "/app/#/" + route);
        return this;
    }

    /** Signs in on the sign-in form and waits for the navigation. */
    public Browser signIn(String name, String password) {
        open("");
        type(By.id("sign-in-name"), name);
        type(By.id("sign-in-password"), password);
        click(By.id("sign-in-submit"));
        waitFor(By.id("signed-in-user"));
        return this;
    }

    public WebElement waitFor(By locator) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    public <T> T waitUntil(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition::apply);
    }

    /** Waits until the element's text is {@code expected}. */
    public void waitForText(By locator, String expected) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBe(locator, expected));
    }

    public void click(By locator) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(locator)).click();
    }

    public void type(By locator, String text) {
        WebElement element = waitFor(locator);
        element.clear();
        element.sendKeys(text);
    }

    public String text(By locator) {
        return waitFor(locator).getText();
    }

    public List<WebElement> all(By locator) {
        return driver.findElements(locator);
    }

    public boolean present(By locator) {
        return !driver.findElements(locator).isEmpty();
    }

    public Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Saves what the window shows as NAME.png. */
    public Path screenshot(String name) {
        try {
            Path target = Files.createDirectories(Path.of("target", "screenshots")).resolve(name + ".png");
            Files.write(target, driver.getScreenshotAs(OutputType.BYTES));
            String docs = System.getProperty("screenshots.dir");
            if (docs != null && !docs.isBlank()) {
                Files.copy(target, Files.createDirectories(Path.of(docs)).resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The console's errors since the last call (they are collected and cleared by reading). */
    public List<String> consoleErrors() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                consoleErrors.add(entry.getMessage());
            }
        }
        List<String> errors = List.copyOf(consoleErrors);
        consoleErrors.clear();
        return errors;
    }

    public void assertNoConsoleErrors() {
        List<String> errors = consoleErrors();
        if (!errors.isEmpty()) {
            assertEquals(List.of(), errors, "the browser's console has errors; the server's last lines:\n" + WebApp.lastLines(40));
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a leftover temporary profile is harmless
            }
        }
    }
}
