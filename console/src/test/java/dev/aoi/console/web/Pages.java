package dev.aoi.console.web;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Following a link or submitting a form and waiting for the page it leads to. ChromeDriver's click returns before a
 * navigation it starts has finished, so a lookup right after it may still read the old page (the cause of a CI
 * failure: an empty frame list read from the page before the filter).
 */
final class Pages {

    private static final Duration PAGE_LOAD = Duration.ofSeconds(30);

    private Pages() {
    }

    /** Clicks {@code control}, then waits until the old page is gone and the new one has loaded. */
    static void follow(WebDriver browser, WebElement control) {
        WebElement oldPage = browser.findElement(By.tagName("html"));
        control.click();
        WebDriverWait wait = new WebDriverWait(browser, PAGE_LOAD);
        wait.until(ExpectedConditions.stalenessOf(oldPage));
        wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }
}
