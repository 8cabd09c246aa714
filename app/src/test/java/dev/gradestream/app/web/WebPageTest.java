package dev.gradestream.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page at / in a real headless Chromium against the real app: embedded broker, gcc, Valgrind and
 * sandbox. It asserts what a person would see, not what the API returned.
 */
@QuarkusTest
class WebPageTest {
    static final int WIDTH = 1440;
    static final Path SCREENSHOT = Path.of("target", "web-page.png");

    /** Every call leaks its 40-byte block at line 4; test 2 expects the wrong sum and is the only failure. */
    static final String LEAKY = """
            #include <stdlib.h>

            int sum_to(int n) {
                int *seen = malloc(10 * sizeof(int));
                int total = 0;
                for (int i = 1; i <= n; i++) {
                    total += i;
                }
                seen[0] = total;
                return total;
            }
            """;
    static final String LEAKY_TESTS = "assert(sum_to(3) == 6);\nassert(sum_to(4) == 11);\nassert(sum_to(1) == 1);";

    static WebDriver browser;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void openBrowser() {
        browser = HeadlessChromium.start(WIDTH, 1000);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void failingTestAndLeakAreShownOnTheirLines() throws IOException {
        openPage();
        setCode(LEAKY);
        typeTests(LEAKY_TESTS);
        grade();

        assertThat(attributes("#stages li", "data-type")).containsExactly("started", "compiled", "test-passed",
                "test-failed", "test-passed", "run-finished", "valgrind", "completed");
        // Each stage is stamped with its offset from "started" as it arrives; the page keeps them in order.
        assertThat(texts("#stages li .stage-time").stream().map(t -> Long.parseLong(t.replaceAll("\\D", ""))).toList())
                .isSorted().first().isEqualTo(0L);
        assertThat(attribute("#status", "data-status")).isEqualTo("failed");
        assertThat(text("#status-label")).isEqualTo("Failed");
        assertThat(text("#status-detail")).isEqualTo("2 of 3 tests passed");
        assertThat(text("#status-memory")).isEqualTo("Valgrind: 120 bytes definitely lost in 3 blocks");

        assertThat(attributes("#tests-list li", "data-test")).containsExactly("1", "2", "3");
        assertThat(attributes("#tests-list li", "class")).containsExactly("passed", "failed status-failed", "passed");
        assertThat(text("#tests-list li.failed[data-test='2'] .test-message")).isEqualTo("the assertion was false");
        assertThat(attributes("#tests-editor .test-marker.failed", "data-test")).containsExactly("2");
        assertThat(attributes("#tests-editor .test-marker.passed", "data-test")).containsExactly("1", "3");
        assertThat(attributes("#tests-editor .line-marker", "data-line")).containsExactly("2");

        // The malloc is on line 4 of the code, and nothing else in the code is marked.
        assertThat(attributes("#code-editor .line-marker", "data-line")).containsExactly("4");
        WebElement mallocLine = one("#code-editor .line-marker[data-line='4']");
        assertThat(mallocLine.getDomAttribute("class")).isEqualTo("line-marker severity-warning");
        assertThat(mallocLine.getDomAttribute("data-sources")).isEqualTo("valgrind");
        assertThat(texts("#code-editor .line-messages[data-line='4'] .line-message")).containsExactly(
                "valgrind warning: test 1: 40 bytes in 1 block definitely lost, allocated at line 4 in sum_to",
                "valgrind warning: test 2: 40 bytes in 1 block definitely lost, allocated at line 4 in sum_to",
                "valgrind warning: test 3: 40 bytes in 1 block definitely lost, allocated at line 4 in sum_to");

        assertThat(text("#leaks tr[data-kind='definitelyLost'] .bytes")).isEqualTo("120");
        assertThat(text("#leaks tr[data-kind='definitelyLost'] .blocks")).isEqualTo("3");
        assertThat(text("#leaks tr[data-kind='indirectlyLost'] .bytes")).isEqualTo("0");
        assertThat(attributes("#valgrind-errors li", "data-kind")).containsOnly("Leak_DefinitelyLost").hasSize(3);
        assertThat(attributes("#valgrind-errors li", "data-test")).containsExactly("1", "2", "3");
        assertThat(texts("#valgrind-errors li .bytes")).containsExactly("40", "40", "40");
        assertThat(attributes("#valgrind-errors li .frames a", "data-line")).contains("4");

        for (String timing : List.of("prepareMs", "compileMs", "policyMs", "testMs", "valgrindMs", "totalMs")) {
            assertThat(text("#timings dd[data-timing='" + timing + "'] .ms")).as(timing).matches("\\d+ ms");
        }
        assertThat(Integer.parseInt(text("#timings dd[data-timing='totalMs'] .ms").replace(" ms", ""))).isPositive();
        assertThat(text("#timings dd[data-timing='valgrindMs'] .ms")).isNotEqualTo("0 ms");
        assertThat(one("#problem").isDisplayed()).isFalse();

        screenshot();
    }

    @Test
    void compileErrorIsMarkedOnItsLine() {
        openPage();
        setCode("int add(int a, int b) {\n    int c = a + d;\n    return c;\n}\n");
        typeTests("assert(add(1, 2) == 3);");
        fill("#perTestTimeout", "3");
        one("#valgrind").click();
        grade();

        assertThat(attributes("#stages li", "data-type")).containsExactly("started", "compile-failed", "completed");
        // The options reached the grader: it echoes the limits and the Valgrind switch it was given.
        assertThat(text("#stages li[data-type='started'] .stage-detail"))
                .isEqualTo("1 test, Valgrind off; limits 15 s, 3 s per test, 256 MiB");
        assertThat(attribute("#status", "data-status")).isEqualTo("compile_error");
        assertThat(text("#status-label")).isEqualTo("Compile error");
        assertThat(text("#status-detail")).isEqualTo("1 error on line 2; tests not run");

        WebElement error = one("#code-editor .line-marker[data-line='2']");
        assertThat(error.getDomAttribute("class")).isEqualTo("line-marker severity-error");
        assertThat(error.getDomAttribute("data-sources")).isEqualTo("compiler");
        assertThat(texts("#code-editor .line-messages[data-line='2'] .line-message.severity-error"))
                .singleElement().asString().matches("compiler error \\(col 17\\): [‘']d[’'] undeclared.*");
        // gcc's "unused parameter b" warning stays on line 1, apart from the error.
        assertThat(one("#code-editor .line-marker[data-line='1']").getDomAttribute("class"))
                .isEqualTo("line-marker severity-warning");
        assertThat(attributes("#diagnostics li.severity-error", "data-line")).containsExactly("2");
        assertThat(attributes("#tests-list li", "class")).containsExactly("not-run");
        assertThat(text("#tests-list li[data-test='1'] .test-message")).isEqualTo("not run: the code did not compile");
        assertThat(attribute("#valgrind-report", "data-ran")).isEqualTo("false");
    }

    @Test
    void rejectedSubmissionShowsTheProblemAndItsFields() {
        openPage();
        setCode("int one(void) { return 1; }\n");
        typeTests("assert(one() == 1);");
        fill("#timeout", "90");
        one("#submit").click();
        wait(Duration.ofSeconds(30)).until(d -> "rejected".equals(attribute("#status", "data-status")));

        assertThat(one("#problem").isDisplayed()).isTrue();
        assertThat(attribute("#problem", "data-status")).isEqualTo("400");
        assertThat(text("#problem .problem-title")).isEqualTo("Invalid submission");
        assertThat(text("#problem .problem-detail")).isEqualTo("timeout must be between 1 and 60 seconds; got 90");
        assertThat(attributes("#problem .violations li", "data-field")).containsExactly("timeout");
        assertThat(attribute("#timeout", "class")).isEqualTo("invalid");
        assertThat(text("#status-label")).isEqualTo("Not accepted");
        assertThat(text("#status-detail")).isEqualTo("HTTP 400: Invalid submission");
        assertThat(browser.findElements(By.cssSelector("#stages li"))).isEmpty();
    }

    private void openPage() {
        browser.manage().window().setSize(new Dimension(WIDTH, 1000));
        browser.get(base.toString());
        // The page's module sets data-ready once the editors exist and the buttons are wired.
        wait(Duration.ofSeconds(20)).until(d -> "true".equals(attribute("body", "data-ready")));
    }

    /** Through CodeMirror's API: typed C would be re-indented by the editor as it goes. */
    private void setCode(String code) {
        js().executeScript("arguments[0].CodeMirror.setValue(arguments[1])", one("#code-editor"), code);
        assertThat(js().executeScript("return arguments[0].CodeMirror.getValue()", one("#code-editor"))).isEqualTo(code);
    }

    /** Really typed, so the editor is shown to take keyboard input. */
    private void typeTests(String tests) {
        new Actions(browser).click(one("#tests-editor .CodeMirror-lines"))
                .keyDown(Keys.CONTROL).sendKeys("a").keyUp(Keys.CONTROL).sendKeys(Keys.DELETE)
                .sendKeys(tests).perform();
        assertThat(js().executeScript("return arguments[0].CodeMirror.getValue()", one("#tests-editor"))).isEqualTo(tests);
    }

    private void grade() {
        one("#submit").click();
        Set<String> unfinished = Set.of("idle", "running");
        wait(Duration.ofSeconds(90)).until(d -> !unfinished.contains(attribute("#status", "data-status")));
    }

    /**
     * The whole page: the window is made tall enough for it. (DevTools' capture beyond the viewport
     * re-lays the page out mid-capture and clips the editors.)
     */
    private void screenshot() throws IOException {
        long chrome = (Long) js().executeScript("return window.outerHeight - window.innerHeight");
        long height = (Long) js().executeScript("return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(WIDTH, (int) (height + chrome)));
        wait(Duration.ofSeconds(10)).until(d -> (Boolean) js().executeScript(
                "return window.innerHeight >= document.documentElement.scrollHeight"));
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(SCREENSHOT.getParent());
        Files.copy(shot, SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
    }

    private static WebDriverWait wait(Duration timeout) {
        return new WebDriverWait(browser, timeout);
    }

    private static JavascriptExecutor js() {
        return (JavascriptExecutor) browser;
    }

    private static void fill(String css, String value) {
        WebElement field = one(css);
        field.clear();
        field.sendKeys(value);
    }

    private static WebElement one(String css) {
        return browser.findElement(By.cssSelector(css));
    }

    private static String text(String css) {
        return one(css).getText();
    }

    private static String attribute(String css, String name) {
        return one(css).getDomAttribute(name);
    }

    private static List<String> texts(String css) {
        return browser.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    private static List<String> attributes(String css, String name) {
        return browser.findElements(By.cssSelector(css)).stream().map(e -> e.getDomAttribute(name)).toList();
    }
}
