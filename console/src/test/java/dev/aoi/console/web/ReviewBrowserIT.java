package dev.aoi.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.common.event.InspectionResult;
import dev.aoi.console.ConsoleApplication;
import dev.aoi.console.testing.ConsoleTestDatabase;
import dev.aoi.console.testing.FrameFixtures;
import dev.aoi.console.testing.Http;
import dev.aoi.console.testing.Results;
import dev.aoi.console.users.Role;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The review station in a real browser (headless Chromium, Selenium) on a real PostgreSQL: log in, work through
 * the queue with the keyboard alone, see the precision on the dashboard change; and two reviewers on one region,
 * where the slower one sees both verdicts instead of overwriting. Failures leave a screenshot in target/selenium/.
 */
@SpringBootTest(classes = ConsoleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReviewBrowserIT {

    static final Instant T0 = Instant.parse("2026-11-25T06:00:00Z");
    static final ConsoleTestDatabase DB = ConsoleTestDatabase.create();
    static final String ANN = DB.addUser("ann", Role.REVIEWER);
    static final String BEN = DB.addUser("ben", Role.REVIEWER);
    static final Path ROOT;
    static final List<InspectionResult> RESULTS = new ArrayList<>();

    static {
        try {
            ROOT = Files.createTempDirectory("review-browser-root");
            SyntheticResults synthetic = new SyntheticResults(21);
            // three frames of three regions (classes 1, 2, 3), oldest first: qa-0, qa-1 on cam1; qa-2 on cam2
            for (int n = 0; n < 3; n++) {
                InspectionResult r = synthetic.result("qa-" + n, n, 3, T0);
                r = Results.with(r, T0.plus(Duration.ofMinutes(n)), n < 2 ? "cam1" : "cam2", Map.of("lot", "L1"));
                RESULTS.add(FrameFixtures.withFiles(r, ROOT));
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

    @AfterAll
    static void closeDatabase() {
        DB.close();
    }

    @LocalServerPort
    int port;
    final List<ChromeDriver> browsers = new ArrayList<>();

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(WebDriver::quit);
    }

    @Test
    @Order(1)
    void aReviewerWorksThroughTheQueueByKeyboardAndThePrecisionOnTheDashboardFollows(TestInfo test) throws Exception {
        ChromeDriver ann = browser();
        try {
            LoginSteps.logIn(ann, base(), "ann", ANN);
            assertThat(ann.findElement(By.id("precision-panel")).getText()).contains("No verdicts yet");

            Pages.follow(ann, ann.findElement(By.id("nav-review")));
            ann.findElement(By.name("camera_id")).sendKeys("cam1");
            Pages.follow(ann, ann.findElement(By.cssSelector("form.filters button")));
            assertThat(queued(ann)).containsExactly("qa-0", "qa-1");
            keys(ann, "\n");
            awaitText(ann, By.cssSelector("#review-frame h1"), "qa-0");
            assertThat(ann.findElements(By.cssSelector("tr.region"))).hasSize(3);

            // d, f, d: each verdict saves and moves to the next region
            keys(ann, "d");
            awaitVerdict(ann, 0, "defect");
            keys(ann, "f");
            awaitVerdict(ann, 1, "false_call");
            keys(ann, "d");
            awaitVerdict(ann, 2, "defect");
            assertThat(ann.findElement(By.id("unreviewed-count")).getText()).isEqualTo("0");

            // n: the next frame in the (cam1) queue; j moves down a region, k back up, f marks the first
            keys(ann, "n");
            awaitText(ann, By.cssSelector("#review-frame h1"), "qa-1");
            keys(ann, "j");
            keys(ann, "k");
            keys(ann, "f");
            awaitVerdict(ann, 0, "false_call");

            ann.get(base() + "/dashboard");
            WebElement total = ann.findElement(By.cssSelector("#precision-table tr.total"));
            assertThat(total.getText()).contains("4").contains("50.0 % (4)");
            List<String> cells = total.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
            // model, class, reviewed, confirmed, false calls, unsure, precision (decided)
            assertThat(cells.subList(1, 7)).containsExactly("all classes", "4", "2", "2", "0", "50.0 % (4)");

            ann.get(base() + "/review?camera_id=cam1");
            assertThat(queued(ann)).containsExactly("qa-1");
        } catch (Throwable failure) {
            screenshot(ann, test);
            throw failure;
        }
    }

    @Test
    @Order(2)
    void aVerdictSavedMeanwhileShowsBothValuesInsteadOfBeingOverwritten(TestInfo test) throws Exception {
        ChromeDriver ann = browser();
        ChromeDriver ben = browser();
        try {
            LoginSteps.logIn(ann, base(), "ann", ANN);
            LoginSteps.logIn(ben, base(), "ben", BEN);
            ann.get(base() + "/review/frames/qa-2");
            ben.get(base() + "/review/frames/qa-2");
            String region = ann.findElement(By.cssSelector("tr.region")).getAttribute("data-region");

            keys(ann, "d");
            awaitVerdict(ann, 0, "defect");
            // ben's page still shows the region unreviewed: his false call must not overwrite ann's verdict
            keys(ben, "f");
            WebElement conflict = ben.findElement(By.id("conflict"));
            new WebDriverWait(ben, Duration.ofSeconds(10)).until(d -> conflict.isDisplayed());
            assertThat(ben.findElement(By.id("conflict-theirs")).getText()).contains("defect").contains("ann");
            assertThat(ben.findElement(By.id("conflict-mine")).getText()).isEqualTo("false_call");
            assertThat(rows(ben).get(0).getAttribute("data-verdict")).isEqualTo("defect");
            assertThat(stored(region).get("verdict").asString()).isEqualTo("defect");

            // a deliberate second step saves his on the version he has now seen
            ben.findElement(By.id("conflict-overwrite")).click();
            awaitVerdict(ben, 0, "false_call");
            assertThat(conflict.isDisplayed()).isFalse();
            JsonNode now = stored(region);
            assertThat(now.get("verdict").asString()).isEqualTo("false_call");
            assertThat(now.get("version").asInt()).isEqualTo(2);
        } catch (Throwable failure) {
            screenshot(ben, test);
            throw failure;
        }
    }

    private JsonNode stored(String region) {
        JsonNode items = new Http(base()).as("ann", ANN).json("/api/v1/reviews?img_unique_id=qa-2").get("items");
        for (JsonNode item : items) {
            if (item.get("region_unique_id").asString().equals(region)) {
                return item;
            }
        }
        throw new AssertionError("no review of " + region + " in " + items);
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private ChromeDriver browser() throws Exception {
        ChromeDriver driver = HeadlessChromium.start();
        browsers.add(driver);
        return driver;
    }

    private static void keys(WebDriver browser, String keys) {
        browser.findElement(By.tagName("body")).sendKeys(keys);
    }

    private static List<WebElement> rows(WebDriver browser) {
        return browser.findElements(By.cssSelector("tr.region"));
    }

    private static List<String> queued(WebDriver browser) {
        return browser.findElements(By.cssSelector("#queue tr.queued")).stream()
                .map(tr -> tr.getAttribute("data-img")).toList();
    }

    private static void awaitVerdict(WebDriver browser, int row, String verdict) {
        new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(d -> verdict.equals(rows(d).get(row).getAttribute("data-verdict")));
    }

    private static void awaitText(WebDriver browser, By by, String text) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> d.findElement(by).getText().contains(text));
    }

    private static void screenshot(ChromeDriver browser, TestInfo test) {
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
