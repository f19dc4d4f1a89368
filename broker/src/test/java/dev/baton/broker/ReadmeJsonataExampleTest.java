package dev.baton.broker;

import dev.baton.proto.v1.CreateStateMachineRequest;
import dev.baton.proto.v1.DescribeExecutionRequest;
import dev.baton.proto.v1.DescribeExecutionResponse;
import dev.baton.proto.v1.StartExecutionRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's JSONata example runs on Baton as the README says: the definition it shows is
 * docs/examples/order-total.json, and the input it starts an execution with gives the output it
 * prints.
 */
class ReadmeJsonataExampleTest {
    private static final Pattern INPUT = Pattern.compile("--input '([^']*)'");
    private static final Pattern PRINTED = Pattern.compile("\\n# (\\{\"total\"[^\\n]*)\\n");

    @TempDir
    Path dir;

    @Test
    void theReadmesJsonataStateMachineGivesTheOutputItShows() throws Exception {
        Path root = repositoryRoot();
        String readme = Files.readString(root.resolve("README.md"));
        String definition = Files.readString(root.resolve("docs/examples/order-total.json")).strip();
        String section = readme.substring(readme.indexOf("## JSONata and workflow variables"));
        assertThat(section).as("the README shows the example file as it is").contains(definition);
        Matcher input = INPUT.matcher(section);
        Matcher printed = PRINTED.matcher(section);
        assertThat(input.find()).isTrue();
        assertThat(printed.find()).isTrue();

        try (BrokerFixture fx = new BrokerFixture(dir)) {
            String sm = fx.api.createStateMachine(CreateStateMachineRequest.newBuilder().setName("order-total")
                    .setDefinition(definition).build()).getStateMachineArn();
            String exec = fx.api.startExecution(StartExecutionRequest.newBuilder().setStateMachineArn(sm).setName("e")
                    .setInput(input.group(1)).build()).getExecutionArn();
            DescribeExecutionRequest describe = DescribeExecutionRequest.newBuilder().setExecutionArn(exec).build();
            await().atMost(Duration.ofSeconds(10)).until(() -> !fx.api.describeExecution(describe).getStatus().equals("RUNNING"));
            DescribeExecutionResponse described = fx.api.describeExecution(describe);
            assertThat(described.getStatus()).isEqualTo("SUCCEEDED");
            assertThat(described.getOutput()).isEqualTo(printed.group(1));
        }
    }

    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs/examples/order-total.json"))) {
                return p;
            }
        }
        throw new IllegalStateException("the repository root (with docs/examples) is not above " + Path.of("").toAbsolutePath());
    }
}
