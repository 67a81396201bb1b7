package mp4drop.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import mp4drop.local.TestSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real browser: Debian's headless Chromium, driven by Selenium. Two videos picked with the
 * file picker reach "done" and one plays; a file that failed is tried again. The screenshot it takes is the
 * one in the README (target/web-page.png; copied to docs/ by hand).
 */
class WebPageBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration RUN = Duration.ofSeconds(90);
    private static final String SKIPPED = "WebPageBrowserTest skipped: no /usr/bin/chromium and /usr/bin/chromedriver"
            + " (apt-get install chromium chromium-driver)";

    @TempDir
    static Path root;
    static WebApp app;
    static ChromeDriverService service;
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed) {
            System.out.println(SKIPPED);
        }
        Assumptions.assumeTrue(installed, SKIPPED);
        app = WebApp.start(root.resolve("mp4drop"));
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + Files.createDirectories(root.resolve("chromium-profile")),
                "--window-size=1000,1250", "--autoplay-policy=no-user-gesture-required");
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            try {
                if (service != null) {
                    service.stop();
                }
            } finally {
                if (app != null) {
                    app.close();
                }
            }
        }
    }

    @Test
    void twoPickedVideosReachDoneOnePlaysAndAFailedOneIsTriedAgain() throws Exception {
        Path sources = Files.createDirectories(root.resolve("sources"));
        Path camera = TestSources.mjpegAvi(sources);
        Path tape = TestSources.xvidAvi(sources);
        Path broken = TestSources.garbageAvi(sources);
        browser.get(app.url());
        WebDriverWait wait = new WebDriverWait(browser, RUN, Duration.ofMillis(100));
        wait.until(page -> !page.findElement(By.id("engine")).getText().equals("…"));
        assertThat(browser.findElement(By.id("engine")).getText()).isEqualTo("local");

        browser.findElement(By.id("picker")).sendKeys(camera + "\n" + tape);

        wait.until(page -> page.findElements(By.cssSelector("#uploads li.stored")).size() == 2);
        wait.until(page -> page.findElements(By.cssSelector("#done li.done")).size() == 2);
        assertThat(browser.findElements(By.cssSelector("#done li.done")).stream()
                .map(item -> item.getAttribute("data-file")).toList())
                .containsExactlyInAnyOrder("photo-camera-mjpeg.mp4", "old-xvid.mp4");
        assertThat(browser.findElement(By.id("count-done")).getText()).isEqualTo("2");

        WebElement video = browser.findElement(By.cssSelector("#done li.done video"));
        JavascriptExecutor script = browser;
        script.executeScript("arguments[0].muted = true; arguments[0].play();", video);
        wait.until(page -> ((Number) script.executeScript("return arguments[0].currentTime;", video))
                .doubleValue() > 0.2);
        script.executeScript("arguments[0].currentTime = 1.5;", video);
        wait.until(page -> Boolean.FALSE.equals(script.executeScript("return arguments[0].seeking;", video)));
        assertThat(((Number) script.executeScript("return arguments[0].currentTime;", video)).doubleValue())
                .isGreaterThanOrEqualTo(1.5);
        script.executeScript("arguments[0].pause();", video);

        Path brokenCopy = Files.copy(broken, sources.resolve("tape 7.avi"), StandardCopyOption.REPLACE_EXISTING);
        browser.findElement(By.id("picker")).sendKeys(brokenCopy.toString());
        By failedItem = By.cssSelector("#failed li.failed[data-file='tape 7.avi']");
        wait.until(page -> !page.findElements(failedItem).isEmpty());
        assertThat(browser.findElement(failedItem).getText()).contains("not-a-video");
        File screenshot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(screenshot.toPath(), Path.of("target", "web-page.png"), StandardCopyOption.REPLACE_EXISTING);

        // the live view redraws the list every 1.5 s: a button found just before a redraw is gone when clicked
        wait.ignoring(StaleElementReferenceException.class).until(page -> {
            page.findElement(failedItem).findElement(By.cssSelector("button.retry")).click();
            return true;
        });

        wait.until(page -> page.findElements(failedItem).isEmpty());
        assertThat(Files.readString(Path.of("target/test-logs/mp4drop.log")))
                .contains("tape 7.avi: back in the inbox from the web page, to be tried again");
        // its content is still no video: taken again, it fails again
        wait.until(page -> !page.findElements(failedItem).isEmpty());
        assertThat(List.of(app.failed.resolve("tape 7.avi"), app.failed.resolve("tape 7.avi.error.json")))
                .allSatisfy(file -> assertThat(file).exists());
    }
}
