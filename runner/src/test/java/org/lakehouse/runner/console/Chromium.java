package org.lakehouse.runner.console;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debian's Chromium and ChromeDriver for the browser tests: used where installed ({@code /usr/bin/chromium},
 * {@code /usr/bin/chromedriver}), else installed with {@code apt-get install chromium chromium-driver} when running as
 * root with apt; otherwise {@link #unavailable()} says why, and the tests skip with that reason. Chromium runs headless
 * with the flags this machine needs (no sandbox as root, no background networking on a closed network) and a fresh
 * profile per driver.
 */
final class Chromium {
    private static final Logger LOG = LoggerFactory.getLogger(Chromium.class);
    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static Optional<String> verdict;

    private Chromium() {
    }

    /** Empty when Chromium and ChromeDriver can run here (installing them first if needed), else why not. */
    static synchronized Optional<String> unavailable() {
        if (verdict == null) {
            verdict = check();
            verdict.ifPresent(why -> LOG.warn("Browser tests skip: {}", why));
        }
        return verdict;
    }

    private static boolean installed() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    }

    private static Optional<String> check() {
        if (installed()) {
            return Optional.empty();
        }
        Path aptGet = Path.of("/usr/bin/apt-get");
        if (!Files.isExecutable(aptGet)) {
            return Optional.of("Chromium is not installed (" + BROWSER + ", " + DRIVER + ") and there is no apt-get "
                    + "to install it: install a Chromium and its ChromeDriver to run the console's browser tests.");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("Chromium is not installed and installing it needs root: run `sudo apt-get install "
                    + "-y chromium chromium-driver`, then the tests again.");
        }
        try {
            Path log = Files.createTempFile("chromium-install", ".log");
            LOG.info("Installing Debian's chromium and chromium-driver for the browser tests (log {})", log);
            for (List<String> cmd : List.of(List.of("apt-get", "update", "-q"),
                    List.of("apt-get", "install", "-y", "-q", "chromium", "chromium-driver"))) {
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
                pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
                Process p = pb.start();
                if (!p.waitFor(15, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    return Optional.of("`" + String.join(" ", cmd) + "` did not finish within 15 minutes (log " + log
                            + ").");
                }
                if (p.exitValue() != 0 && cmd.get(1).equals("install")) {
                    List<String> lines = Files.readAllLines(log);
                    return Optional.of("`" + String.join(" ", cmd) + "` failed (exit " + p.exitValue() + "): "
                            + String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size())));
                }
            }
        } catch (IOException e) {
            return Optional.of("Installing Chromium failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("Interrupted while installing Chromium.");
        }
        return installed() ? Optional.empty() : Optional.of("apt-get ran but " + BROWSER + " or " + DRIVER
                + " is still missing.");
    }

    /** A headless Chromium with a fresh profile under {@code profileParent}, driven by Debian's ChromeDriver. */
    static ChromeDriver start(Path profileParent, int width, int height) throws IOException {
        Path profile = Files.createTempDirectory(profileParent, "chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + width + "," + height,
                "--force-device-scale-factor=1", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER
                .toString())).usingAnyFreePort().withTimeout(Duration.ofSeconds(60)).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }
}
