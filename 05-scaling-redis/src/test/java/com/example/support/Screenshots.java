package com.example.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;

/**
 * Refreshes the screenshots the guides show, {@code docs/images/<chapter>-<name>.png},
 * when the tests run with {@code -Dscreenshots=true}; otherwise does nothing. It writes
 * only images that exist already, so that views no guide shows do not pile up: to add
 * one, create an empty file of its name first.
 */
public final class Screenshots {

    private Screenshots() {
    }

    public static void save(WebDriver browser, String name) {
        if (!Boolean.getBoolean("screenshots")) {
            return;
        }
        // Maven runs the tests in the chapter's directory, beside docs/.
        Path chapter = Path.of("").toAbsolutePath();
        Path file = chapter.resolveSibling("docs/images/" + chapter.getFileName() + "-" + name + ".png");
        if (!Files.exists(file)) {
            return;
        }
        try {
            Files.write(file, browser.findElement(By.tagName("body")).getScreenshotAs(OutputType.BYTES));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
