package com.example.hub;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Starts the headless Chrome or Chromium that browser tests drive. Selenium Manager finds
 * the browser and its driver.
 */
final class Browser {

    private Browser() {
    }

    static WebDriver start() {
        ChromeOptions options = new ChromeOptions();
        options.addArguments("--headless=new", "--window-size=1280,900", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage");
        // Chromium's sandbox refuses to run as root, as in CI containers; anywhere else
        // keep it.
        if ("root".equals(System.getProperty("user.name"))) {
            options.addArguments("--no-sandbox");
        }
        return new ChromeDriver(options);
    }

}
