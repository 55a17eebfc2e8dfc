package dev.aoi.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** Logging in through the console's login form, as a person would. */
final class LoginSteps {

    private LoginSteps() {
    }

    static void logIn(WebDriver browser, String base, String user, String password) {
        browser.get(base + "/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        Pages.follow(browser, browser.findElement(By.id("login-submit")));
        assertThat(browser.findElement(By.id("current-user")).getText()).isEqualTo(user);
    }
}
