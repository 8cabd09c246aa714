package dev.gradestream.app.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The page in Chromium shows a 429 like any other refusal, and says when to submit again. */
@QuarkusTest
@TestProfile(ThrottledPageTest.NothingDrains.class)
class ThrottledPageTest {

    /**
     * The gate watches a group that never consumes, and refuses while anything waits: after one accepted
     * submission every later one gets 429, and nothing drains, so Retry-After is the cap.
     */
    public static class NothingDrains implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gradestream.ingest.executor-group", "throttled-page-test-no-consumer",
                    "gradestream.ingest.max-lag", "0",
                    "gradestream.ingest.resume-lag", "0",
                    "gradestream.ingest.lag-refresh", "200ms");
        }
    }

    @TestHTTPResource("/")
    URL base;

    @Test
    void aRefusedSubmissionShowsTheProblemAndWhenToTryAgain() throws InterruptedException {
        awaitRefusal();
        WebDriver browser = HeadlessChromium.start(1440, 1000);
        try {
            browser.get(base.toString());
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            wait.until(d -> "true".equals(attribute(d, "body", "data-ready")));
            browser.findElement(By.cssSelector("#submit")).click();
            wait.until(d -> "rejected".equals(attribute(d, "#status", "data-status")));

            assertThat(attribute(browser, "#problem", "data-status")).isEqualTo("429");
            assertThat(text(browser, "#problem .problem-title")).isEqualTo("Too many submissions waiting");
            assertThat(text(browser, "#problem .problem-detail")).matches(
                    "\\d+ submissions are waiting to be graded, more than the limit of 0\\. "
                            + "Nothing was queued; send it again in 60 s\\.");
            assertThat(text(browser, "#problem .problem-retry")).isEqualTo("Submit again in 60 s.");
            assertThat(text(browser, "#status-label")).isEqualTo("Busy, not accepted");
            assertThat(text(browser, "#status-detail"))
                    .isEqualTo("HTTP 429: Too many submissions waiting — try again in 60 s");
        } finally {
            browser.quit();
        }
    }

    /** The first submission is accepted and never drains; the gate sees it within a refresh or two. */
    private static void awaitRefusal() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            int status = given().contentType(ContentType.JSON).body(Map.of("code", "int main(void) { return 0; }"))
                    .post("/submissions").statusCode();
            if (status == 429) {
                return;
            }
            assertThat(status).as("before the gate closes").isEqualTo(202);
            Thread.sleep(100);
        }
        throw new AssertionError("POST /submissions still accepted after 30 s");
    }

    private static String attribute(WebDriver browser, String css, String name) {
        return browser.findElement(By.cssSelector(css)).getDomAttribute(name);
    }

    private static String text(WebDriver browser, String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }
}
