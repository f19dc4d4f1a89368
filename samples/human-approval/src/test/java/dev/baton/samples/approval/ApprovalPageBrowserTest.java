package dev.baton.samples.approval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.worker.client.Execution;
import dev.baton.worker.client.ExecutionStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The approval demo as a person does it, in headless Chromium: submit an expense with the page's
 * form, click Approve, and see it end approved. Needs Debian's chromium and chromium-driver
 * packages (.ci/run installs them); without them it is skipped with a message saying so.
 */
class ApprovalPageBrowserTest {
    @TempDir
    Path dir;

    @Test
    void clickingApproveEndsTheExecutionApproved() throws Exception {
        Optional<Path[]> browser = WebDriverSession.installed();
        assumeTrue(browser.isPresent(), "Chromium and chromedriver are not installed (Debian: apt-get install "
                + "chromium chromium-driver; .ci/run installs them): skipping the browser test of the approval page");
        try (ApprovalDeskFixture desk = new ApprovalDeskFixture(Files.createDirectories(dir.resolve("desk")));
             WebDriverSession chrome = WebDriverSession.start(browser.get()[0], browser.get()[1],
                     Files.createDirectories(dir.resolve("chrome")))) {
            chrome.navigate(desk.base() + "/");
            chrome.type(chrome.element("#submit-form input[name=amount]"), "480");
            chrome.type(chrome.element("#submit-form input[name=submitter]"), "Grace");
            chrome.type(chrome.element("#submit-form input[name=description]"), "Conference ticket");
            chrome.click(chrome.element("#submit-button"));

            // A click may return before the form's navigation ends: wait for the page it leads to.
            String url = await().atMost(ApprovalDeskFixture.WAIT).until(chrome::currentUrl, u -> u.contains("/?submitted="));
            assertThat(url).contains("/?submitted=expense-");
            String id = url.substring(url.indexOf("submitted=") + "submitted=".length());
            assertThat(chrome.text(chrome.element("#notice"))).contains("Submitted " + id);

            // The approval task reaches the desk a moment after the execution starts: reload until it is listed.
            String row = "#pending-" + id;
            await().atMost(ApprovalDeskFixture.WAIT).until(() -> {
                chrome.navigate(desk.base() + "/");
                return chrome.find(row).isPresent();
            });
            assertThat(chrome.text(chrome.element(row))).contains("480", "Grace", "Conference ticket", "manager");
            chrome.type(chrome.element(row + " input[name=comment]"), "have fun");
            chrome.click(chrome.element(row + " button[value=approve]"));
            await().atMost(ApprovalDeskFixture.WAIT).until(chrome::currentUrl, u -> u.endsWith("/?decided=" + id));
            assertThat(chrome.text(chrome.element("#notice"))).contains("Your decision on " + id + " was sent");

            // The execution ends a moment after the decision: reload until the page shows it decided.
            await().atMost(ApprovalDeskFixture.WAIT).until(() -> {
                chrome.navigate(desk.base() + "/");
                Optional<String> decided = chrome.find("#recent-" + id);
                return decided.isPresent() && chrome.attribute(decided.get(), "data-outcome").equals("Approved");
            });
            assertThat(chrome.find(row)).isEmpty();
            assertThat(chrome.text(chrome.element("#recent-" + id))).contains("Approved", "manager", "have fun");

            Execution done = desk.client.describeExecution(desk.executionArn(id));
            assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            JsonNode output = desk.output(done);
            assertThat(output.path("outcome").asText()).isEqualTo("Approved");
            assertThat(output.path("approval").path("comment").asText()).isEqualTo("have fun");
        }
    }
}
