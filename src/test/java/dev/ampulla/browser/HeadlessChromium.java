package dev.ampulla.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium driven through chromedriver, both from the operating system's packages. The paths are
 * given explicitly, so Selenium never looks for (or downloads) a browser or driver of its own.
 */
final class HeadlessChromium implements AutoCloseable {
    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** The tests use WebDriver only, not the DevTools protocol: Selenium's search for a matching CDP is noise. */
    private static final Logger CDP_LOG = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    static {
        CDP_LOG.setLevel(Level.SEVERE);
    }

    final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path profile;

    private HeadlessChromium(ChromeDriverService service, ChromeDriver driver, Path profile) {
        this.service = service;
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts Chromium; fails (never skips) when the browser or its driver is not installed. */
    static HeadlessChromium start() throws IOException {
        for (File f : new File[] {CHROMIUM, CHROMEDRIVER}) {
            if (!f.canExecute()) {
                throw new IllegalStateException(f + " is missing: the browser tests need Chromium and its driver"
                        + " from the operating system (Debian/Ubuntu: apt-get install chromium chromium-driver).");
            }
        }
        Files.createDirectories(Path.of("target"));
        Path profile = Files.createTempDirectory("ampulla-chromium-profile");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort()
                .withLogFile(new File("target", "chromedriver.log"))
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1280,1600",
                "--user-data-dir=" + profile.toAbsolutePath());
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL")); // to read the console
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
            return new HeadlessChromium(service, driver, profile);
        } catch (RuntimeException e) {
            service.stop();
            deleteTree(profile);
            throw e;
        }
    }

    /**
     * Console messages since the last call that show the page misbehaving: uncaught errors and anything the
     * Content-Security-Policy refused (an inline style or script would be).
     */
    List<String> consoleProblems() {
        return consoleMessages().stream().filter(HeadlessChromium::isProblem).toList();
    }

    /** Every console message since the last call (a failed load, a 404 say, is one too). */
    List<String> consoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .toList();
    }

    static boolean isProblem(String message) {
        return message.contains("Uncaught")
                || message.contains("Content Security Policy")
                || message.contains("Refused");
    }

    WebDriverWait waitUpTo(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds));
    }

    /** The text of an element whether or not it is visible (getText() is empty for closed details). */
    static String textOf(WebElement element) {
        return element.getDomProperty("textContent");
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /** Saves a screenshot of the viewport under target/screenshots. */
    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name);
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        return file;
    }

    /** Saves a screenshot of one element (a card, say), whatever the scroll position. */
    static Path screenshot(WebElement element, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name);
        Files.write(file, element.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    WebDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteTree(profile);
        }
    }

    /** Best effort: a browser that is still exiting may hold on to a file of its profile. */
    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory: left for the system to clean
        }
    }
}
