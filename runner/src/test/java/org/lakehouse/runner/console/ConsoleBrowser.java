package org.lakehouse.runner.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/** The console's pages in a real browser: open one and wait until it has loaded, run script, take screenshots. */
final class ConsoleBrowser {
    private final ChromeDriver driver;
    private final String base;
    private final Path screenshots;

    ConsoleBrowser(ChromeDriver driver, String base, Path screenshots) {
        this.driver = driver;
        this.base = base;
        this.screenshots = screenshots;
    }

    void open(String page) {
        driver.get(base + "/console/#" + page);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(js("return !!(window"
                + ".lakehouseConsole && window.lakehouseConsole.loaded['" + page + "'])")).as(page + " loaded")
                .isEqualTo(true));
    }

    Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    void screenshot(String page) throws IOException {
        Files.createDirectories(screenshots);
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, screenshots.resolve("console-" + page + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    void assertCleanPage() {
        assertThat(js("return window.lakehouseConsole.cspViolations")).as("Content-Security-Policy violations")
                .asList().isEmpty();
        assertThat(driver.findElement(By.id("page-error")).isDisplayed()).as("error banner: %s",
                driver.findElement(By.id("page-error")).getText()).isFalse();
    }
}
