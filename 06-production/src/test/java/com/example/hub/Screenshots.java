package com.example.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;

/**
 * Saves what a page shows into {@code docs/images/<chapter>-<name>.png}, for the guides,
 * when the tests run with {@code -Dscreenshots=true}; otherwise does nothing.
 */
final class Screenshots {

    private Screenshots() {
    }

    static void save(WebDriver browser, String name) {
        if (!Boolean.getBoolean("screenshots")) {
            return;
        }
        // Maven runs the tests in the chapter's directory, beside docs/.
        Path chapter = Path.of("").toAbsolutePath();
        Path file = chapter.resolveSibling("docs/images/" + chapter.getFileName() + "-" + name + ".png");
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, browser.findElement(By.tagName("body")).getScreenshotAs(OutputType.BYTES));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
