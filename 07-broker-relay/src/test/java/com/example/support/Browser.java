package com.example.support;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The headless Chrome or Chromium that browser tests drive; Selenium Manager finds the
 * browser and its driver. Starting one takes a second or more, so a browser that a test
 * released goes to the next test that asks for one; all are closed when the tests end.
 */
public final class Browser {

    private static final Dimension WINDOW = new Dimension(1280, 900);

    private static final Deque<WebDriver> idle = new ArrayDeque<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Browser::quitIdle));
    }

    private Browser() {
    }

    public static synchronized WebDriver start() {
        WebDriver browser = idle.poll();
        return (browser != null) ? browser : launch();
    }

    /**
     * Hands the browser back for the next test, on a blank page: the page it showed
     * unloads and closes its WebSocket. A browser that a test closed is simply dropped.
     */
    public static synchronized void release(WebDriver browser) {
        try {
            browser.get("about:blank");
            browser.manage().window().setSize(WINDOW);
            consoleErrors(browser);
            idle.push(browser);
        }
        catch (WebDriverException ex) {
            browser.quit();
        }
    }

    /**
     * The errors the browser's console has shown since the last call: what a learner
     * would see in the developer tools.
     */
    public static List<String> consoleErrors(WebDriver browser) {
        return browser.manage()
            .logs()
            .get(LogType.BROWSER)
            .getAll()
            .stream()
            .filter((entry) -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
            .map(LogEntry::getMessage)
            .toList();
    }

    private static WebDriver launch() {
        ChromeOptions options = new ChromeOptions();
        options.addArguments("--headless=new", "--window-size=" + WINDOW.getWidth() + "," + WINDOW.getHeight(),
                "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage",
                // A page left for about:blank must really unload and close its WebSocket,
                // not wait in the back/forward cache.
                "--disable-features=BackForwardCache");
        // Chromium's sandbox refuses to run as root, as in CI containers; anywhere else
        // keep it.
        if ("root".equals(System.getProperty("user.name"))) {
            options.addArguments("--no-sandbox");
        }
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        return new ChromeDriver(options);
    }

    private static synchronized void quitIdle() {
        idle.forEach(WebDriver::quit);
        idle.clear();
    }

}
