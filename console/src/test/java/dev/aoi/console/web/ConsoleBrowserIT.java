package dev.aoi.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.common.event.InspectionResult;
import dev.aoi.console.ConsoleApplication;
import dev.aoi.console.testing.ConsoleTestDatabase;
import dev.aoi.console.testing.FrameFixtures;
import dev.aoi.console.testing.Results;
import dev.aoi.persister.bench.SyntheticResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The web UI in a real browser (Debian's headless Chromium driven by Selenium) on a real PostgreSQL: dashboard,
 * filter, page forward and back, a frame, a class overlay, a region's crop. A failing test leaves a screenshot in
 * {@code target/selenium/}.
 */
@SpringBootTest(classes = ConsoleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleBrowserIT {

    static final Instant T0 = Instant.parse("2026-11-10T00:00:00Z");
    static final ConsoleTestDatabase DB = ConsoleTestDatabase.create();
    static final String VIEWER_PASSWORD = DB.addUser("ui-viewer", dev.aoi.console.users.Role.VIEWER);
    static final Path ROOT;
    static final List<InspectionResult> RESULTS = new ArrayList<>();

    static {
        try {
            ROOT = Files.createTempDirectory("console-browser-root");
            SyntheticResults synthetic = new SyntheticResults(11);
            for (int n = 0; n < 30; n++) {
                InspectionResult r = synthetic.result(String.format("ui-%03d", n), n, 2 + n % 9, T0);
                r = Results.with(r, T0.plus(Duration.ofMinutes(20L * n)), "cam" + (n % 3), Map.of("lot", "L" + n / 10));
                if (n == 28) {
                    r = FrameFixtures.withFiles(r, ROOT);
                }
                RESULTS.add(r);
            }
            DB.write(RESULTS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        DB.register(registry, ROOT);
    }

    @LocalServerPort
    int port;
    ChromeDriver browser;

    @BeforeEach
    void openBrowser() throws Exception {
        browser = HeadlessChromium.start();
        LoginSteps.logIn(browser, "http://127.0.0.1:" + port, "ui-viewer", VIEWER_PASSWORD);
    }

    @AfterEach
    void closeBrowser() {
        browser.quit();
    }

    @AfterAll
    static void closeDatabase() {
        DB.close();
    }

    @Test
    void dashboardFilterPageForwardAndBackOpenAFrameToggleAnOverlayAndSeeARegionsCrop(TestInfo test) throws Exception {
        try {
            String base = "http://127.0.0.1:" + port;
            browser.get(base + "/dashboard?from=2026-11-10&to=2026-11-11&bucket=hour");
            assertThat(browser.findElements(By.cssSelector("#trend-svg path.trend-line"))).hasSize(4);
            assertThat(browser.findElements(By.cssSelector("#pareto-svg rect.pareto-bar"))).hasSize(4);
            assertThat(browser.findElements(By.cssSelector("#camera-table tbody tr"))).hasSize(3);
            assertThat(browser.findElements(By.cssSelector("#latest-frames a.thumb"))).hasSize(12);

            Pages.follow(browser, browser.findElement(By.id("nav-frames")));
            browser.findElement(By.id("filter-camera")).sendKeys("cam1");
            browser.findElement(By.id("filter-attr")).sendKeys("lot=L2");
            browser.findElement(By.name("limit")).sendKeys("2");
            Pages.follow(browser, browser.findElement(By.id("filter-submit")));
            List<String> page1 = frameIds();
            // cam1 in lot L2: frames 22, 25, 28 — newest first, two per page
            assertThat(page1).containsExactly("ui-028", "ui-025");
            assertThat(browser.findElements(By.id("prev-page"))).isEmpty();
            Pages.follow(browser, browser.findElement(By.id("next-page")));
            assertThat(frameIds()).containsExactly("ui-022");
            assertThat(browser.findElements(By.id("next-page"))).isEmpty();
            Pages.follow(browser, browser.findElement(By.id("prev-page")));
            assertThat(frameIds()).containsExactlyElementsOf(page1);

            Pages.follow(browser, browser.findElement(By.linkText("ui-028")));
            assertThat(browser.findElement(By.id("frame-title")).getText()).isEqualTo("ui-028");
            WebElement frame = browser.findElement(By.id("frame-image"));
            awaitLoaded(frame);
            assertThat(browser.findElements(By.cssSelector("#boxes rect.region-box")))
                    .hasSize((int) Results.regions(RESULTS.get(28)));

            WebElement overlay = browser.findElement(By.id("overlay-1"));
            assertThat(overlay.isDisplayed()).isFalse();
            browser.findElement(By.id("toggle-class-1")).click();
            awaitLoaded(overlay);
            assertThat(overlay.isDisplayed()).isTrue();
            browser.findElement(By.id("toggle-class-1")).click();
            assertThat(overlay.isDisplayed()).isFalse();

            // sort by area, largest first, then click the largest region: its crop appears
            WebElement areaHeader = browser.findElement(By.xpath("//table[@id='regions-table']//th[3]"));
            areaHeader.click();
            areaHeader.click();
            List<Integer> areas = browser.findElements(By.cssSelector("#regions-table tbody tr td:nth-child(3)"))
                    .stream().map(td -> Integer.parseInt(td.getText())).toList();
            assertThat(areas).isSortedAccordingTo((a, b) -> b - a);
            WebElement largest = browser.findElement(By.cssSelector("#regions-table tbody tr.region-row"));
            String regionId = largest.getAttribute("data-region");
            largest.click();
            WebElement crop = browser.findElement(By.id("crop-image"));
            awaitLoaded(crop);
            assertThat(crop.isDisplayed()).isTrue();
            assertThat(crop.getAttribute("data-region")).isEqualTo(regionId);
            assertThat(browser.findElement(By.cssSelector("rect.region-box.selected")).getAttribute("data-region"))
                    .isEqualTo(regionId);
            assertThat(browser.findElement(By.id("crop-caption")).getText()).contains("px");

            // the worker wrote the class map only: following the frame's overlay link, the console draws it
            Pages.follow(browser, browser.findElement(
                    By.xpath("//a[contains(@class,'file-link') and normalize-space()='overlay']")));
            WebElement drawn = browser.findElement(By.tagName("img"));
            awaitLoaded(drawn);
            assertThat(drawn.getAttribute("naturalWidth")).isEqualTo(String.valueOf(RESULTS.get(28).imageWidth()));
        } catch (Throwable failure) {
            screenshot(test);
            throw failure;
        }
    }

    @Test
    void aBadFilterShowsWhichParameterIsWrong(TestInfo test) {
        try {
            browser.get("http://127.0.0.1:" + port + "/frames?min_regions=many");
            assertThat(browser.findElement(By.id("error")).getText()).contains("min_regions");
        } catch (Throwable failure) {
            screenshot(test);
            throw failure;
        }
    }

    private List<String> frameIds() {
        return browser.findElements(By.cssSelector("#frames-table a.frame-link")).stream().map(WebElement::getText)
                .toList();
    }

    private void awaitLoaded(WebElement image) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d)
                .executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", image)));
    }

    private void screenshot(TestInfo test) {
        try {
            Path dir = Path.of("target", "selenium");
            Files.createDirectories(dir);
            Path file = dir.resolve(test.getTestMethod().map(m -> m.getName()).orElse("test") + ".png");
            Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            System.err.println("screenshot of the failure: " + file.toAbsolutePath());
        } catch (Exception e) {
            System.err.println("no screenshot: " + e);
        }
    }
}
