package dev.baton.samples.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Headless Chromium driven through chromedriver's W3C WebDriver HTTP protocol: just the commands
 * the browser test needs (navigate, find, type, click, read), over java.net.http.
 */
final class WebDriverSession implements AutoCloseable {
    /** The key W3C WebDriver names an element reference with. */
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final List<String> CHROMIUM = List.of("chromium", "chromium-browser");
    private static final List<String> CHROMEDRIVER = List.of("chromedriver");

    /** A WebDriver error, e.g. "no such element". */
    static final class WebDriverException extends RuntimeException {
        final String error;

        WebDriverException(String error, String message) {
            super(error + ": " + message);
            this.error = error;
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Process driver;
    private final Path driverLog;
    private final String base;
    private final String session;

    private WebDriverSession(Process driver, Path driverLog, String driverBase, Path profile, String chromium)
            throws IOException, InterruptedException {
        this.driver = driver;
        this.driverLog = driverLog;
        this.base = driverBase;
        awaitReady();
        ObjectNode options = json.createObjectNode().put("binary", chromium);
        options.putArray("args")
                .add("--headless").add("--no-sandbox").add("--disable-gpu").add("--disable-dev-shm-usage")
                .add("--disable-background-networking").add("--disable-component-update").add("--no-first-run")
                .add("--disable-sync").add("--disable-quic").add("--user-data-dir=" + profile);
        ObjectNode capabilities = json.createObjectNode();
        capabilities.putObject("capabilities").putObject("alwaysMatch")
                .put("browserName", "chrome")
                .set("goog:chromeOptions", options);
        this.session = call("POST", "/session", capabilities).path("sessionId").asText();
    }

    /** The executables, when both are installed. */
    static Optional<Path[]> installed() {
        Optional<Path> chromium = find(CHROMIUM);
        Optional<Path> chromedriver = find(CHROMEDRIVER);
        return chromium.isPresent() && chromedriver.isPresent()
                ? Optional.of(new Path[] {chromium.get(), chromedriver.get()})
                : Optional.empty();
    }

    /** Starts chromedriver on a free port and opens a browser session with a fresh profile under {@code dir}. */
    static WebDriverSession start(Path chromium, Path chromedriver, Path dir) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = dir.resolve("chromedriver.log");
        Process driver = new ProcessBuilder(chromedriver.toString(), "--port=" + port)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            return new WebDriverSession(driver, log, "http://127.0.0.1:" + port, Files.createDirectories(dir.resolve("profile")),
                    chromium.toString());
        } catch (IOException | RuntimeException | InterruptedException e) {
            driver.destroy();
            throw e;
        }
    }

    void navigate(String url) throws IOException, InterruptedException {
        call("POST", "/session/" + session + "/url", json.createObjectNode().put("url", url));
    }

    String currentUrl() throws IOException, InterruptedException {
        return call("GET", "/session/" + session + "/url", null).asText();
    }

    /** The first element matching a CSS selector, if any. */
    Optional<String> find(String cssSelector) throws IOException, InterruptedException {
        try {
            JsonNode found = call("POST", "/session/" + session + "/element",
                    json.createObjectNode().put("using", "css selector").put("value", cssSelector));
            return Optional.of(found.path(ELEMENT).asText());
        } catch (WebDriverException e) {
            if (e.error.equals("no such element")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    String element(String cssSelector) throws IOException, InterruptedException {
        return find(cssSelector).orElseThrow(() -> new AssertionError("no element matches " + cssSelector));
    }

    void type(String element, String text) throws IOException, InterruptedException {
        call("POST", "/session/" + session + "/element/" + element + "/value", json.createObjectNode().put("text", text));
    }

    void click(String element) throws IOException, InterruptedException {
        call("POST", "/session/" + session + "/element/" + element + "/click", json.createObjectNode());
    }

    String text(String element) throws IOException, InterruptedException {
        return call("GET", "/session/" + session + "/element/" + element + "/text", null).asText();
    }

    String attribute(String element, String name) throws IOException, InterruptedException {
        return call("GET", "/session/" + session + "/element/" + element + "/attribute/" + name, null).asText();
    }

    @Override
    public void close() throws IOException {
        try {
            call("DELETE", "/session/" + session, null);
        } catch (IOException | RuntimeException | InterruptedException e) {
            // The browser may be gone already; stopping chromedriver below ends it in any case.
        } finally {
            driver.destroy();
            try {
                driver.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                if (call("GET", "/status", null).path("ready").asBoolean()) {
                    return;
                }
            } catch (IOException notYetListening) {
                if (!driver.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("chromedriver did not start: " + Files.readString(driverLog), notYetListening);
                }
            }
            Thread.sleep(100); // chromedriver has no way to say when it listens: poll its /status
        }
    }

    private JsonNode call(String method, String path, JsonNode body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode value = json.readTree(response.body()).path("value");
        if (response.statusCode() != 200) {
            throw new WebDriverException(value.path("error").asText("HTTP " + response.statusCode()),
                    value.path("message").asText(response.body()));
        }
        return value;
    }

    private static Optional<Path> find(List<String> names) {
        String path = System.getenv().getOrDefault("PATH", "");
        return names.stream()
                .flatMap(name -> Stream.concat(Stream.of(path.split(java.io.File.pathSeparator)), Stream.of("/usr/bin"))
                        .filter(d -> !d.isEmpty())
                        .map(d -> Path.of(d, name)))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
