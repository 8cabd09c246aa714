package dev.gradestream.app.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium and chromium-driver (bin/setup-toolchain --for-tests), named by path so that
 * Selenium Manager never looks for, or downloads, a browser of its own.
 */
final class HeadlessChromium {
    static final Path BROWSER = Path.of(System.getProperty("webtest.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("webtest.chromedriver", "/usr/bin/chromedriver"));

    private HeadlessChromium() {
    }

    static WebDriver start(int width, int height) {
        for (Path tool : new Path[] {BROWSER, DRIVER}) {
            if (!Files.isExecutable(tool)) {
                // A missing browser must fail the build, not skip the test: CI would stay green untested.
                throw new IllegalStateException(tool + " is missing: run bin/setup-toolchain --for-tests "
                        + "(installs Debian's chromium and chromium-driver)");
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        // --no-sandbox: Chromium refuses its own sandbox as root; /dev/shm is small in containers.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + width + "," + height, "--force-device-scale-factor=1", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return driver;
    }
}
