package dev.baton.samples.approval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.baton.worker.client.BatonException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The approval page, served with the JDK's HTTP server: plain HTML forms, and a few lines of script
 * that reload the page while nobody is typing.
 *
 * <pre>
 * GET  /                          the page: submit form, pending approvals, recent decisions
 * POST /expenses                  submit (form: amount, submitter, description) -> 303 /?submitted=ID
 * POST /expenses/ID/decision      decide (form: decision=approve|reject, comment) -> 303 /?decided=ID
 * GET  /api/expenses              the same lists as JSON
 * </pre>
 */
public final class ApprovalWebApp implements AutoCloseable {
    /** A form is a few short fields. */
    static final int MAX_FORM_BYTES = 16 * 1024;
    /** The page reloads itself so new approvals show up without a click (not while someone types). */
    static final int REFRESH_SECONDS = 10;

    private static final Logger log = LoggerFactory.getLogger(ApprovalWebApp.class);
    private static final Pattern DECISION = Pattern.compile("/expenses/([^/]{1,80})/decision");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final ApprovalDesk desk;
    private final ObjectMapper json;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private ApprovalWebApp(ApprovalDesk desk, ObjectMapper json, HttpServer server) {
        this.desk = desk;
        this.json = json;
        this.server = server;
    }

    /** Serves the page on {@code bind:port} (port 0: a free port). */
    public static ApprovalWebApp start(ApprovalDesk desk, ObjectMapper json, String bind, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 0);
        ApprovalWebApp app = new ApprovalWebApp(desk, json, server);
        server.createContext("/", app::handle);
        server.setExecutor(app.executor);
        server.start();
        return app;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(1);
        executor.shutdown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            Matcher decision = DECISION.matcher(path);
            try {
                if (path.equals("/") && method.equals("GET")) {
                    page(exchange);
                } else if (path.equals("/api/expenses") && method.equals("GET")) {
                    apiExpenses(exchange);
                } else if (path.equals("/expenses") && method.equals("POST")) {
                    submit(exchange);
                } else if (decision.matches() && method.equals("POST")) {
                    decide(exchange, decision.group(1));
                } else if (path.equals("/") || path.equals("/api/expenses") || path.equals("/expenses") || decision.matches()) {
                    exchange.getResponseHeaders().set("Allow", path.startsWith("/expenses") ? "POST" : "GET");
                    message(exchange, 405, "Method not allowed", method + " is not allowed on " + path + ".");
                } else {
                    message(exchange, 404, "Not found", "There is nothing at " + path + ".");
                }
            } catch (BatonException e) {
                // The broker refused or is unreachable: say so, keep serving.
                log.warn("{} {}: the broker answered {}: {}", method, path, e.errorName(), e.errorMessage());
                message(exchange, 503, "The broker did not take it", e.errorName() + ": " + e.errorMessage());
            } catch (RuntimeException e) {
                log.error("{} {} failed: {}", method, path, e.toString());
                message(exchange, 500, "Something went wrong", e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
    }

    private void submit(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(exchange);
        if (form == null) {
            return;
        }
        Expense expense;
        try {
            expense = Expense.of(amount(form.get("amount")), form.get("submitter"), form.get("description"));
        } catch (IllegalArgumentException e) {
            message(exchange, 400, "Not submitted", e.getMessage());
            return;
        }
        ApprovalDesk.Submitted submitted = desk.submit(expense);
        redirect(exchange, "/?submitted=" + submitted.expenseId());
    }

    private void decide(HttpExchange exchange, String expenseId) throws IOException {
        Map<String, String> form = form(exchange);
        if (form == null) {
            return;
        }
        String choice = form.getOrDefault("decision", "");
        ApprovalDesk.Answer answer = switch (choice) {
            case "approve" -> desk.approve(expenseId, form.get("comment"));
            case "reject" -> desk.reject(expenseId, form.get("comment"));
            default -> null;
        };
        if (answer == null) {
            message(exchange, 400, "No decision", "decision must be approve or reject, not '" + choice + "'.");
            return;
        }
        switch (answer) {
            case RECORDED -> redirect(exchange, "/?decided=" + expenseId);
            case UNKNOWN -> message(exchange, 404, "Not waiting here",
                    "No approval of " + expenseId + " waits here: it was decided already, or never needed one.");
            case TOO_LATE -> message(exchange, 409, "Too late",
                    "The approval of " + expenseId + " ended before your decision: its time ran out (it goes to the "
                            + "finance director) or the execution was stopped.");
        }
    }

    private void apiExpenses(HttpExchange exchange) throws IOException {
        ObjectNode body = json.createObjectNode();
        ArrayNode pending = body.putArray("pending");
        for (ApprovalRequest r : desk.pending()) {
            ObjectNode item = pending.addObject();
            item.put("expenseId", r.expenseId())
                    .put("executionArn", r.executionArn())
                    .put("amount", r.expense().amount())
                    .put("submitter", r.expense().submitter())
                    .put("description", r.expense().description())
                    .put("approver", r.approver())
                    .put("escalated", r.escalated())
                    .put("receivedAt", r.receivedAt());
        }
        body.set("recent", json.valueToTree(desk.recent(ApprovalDesk.DEFAULT_RECENT)));
        send(exchange, 200, "application/json", json.writeValueAsString(body));
    }

    private void page(HttpExchange exchange) throws IOException {
        Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
        List<ApprovalRequest> pending = desk.pending();
        List<ApprovalDesk.Decided> recent = desk.recent(ApprovalDesk.DEFAULT_RECENT);
        StringBuilder html = new StringBuilder(4096);
        html.append("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8">
                <title>Expense approvals</title>
                <script>
                 // Reload now and then to show new approvals, but never while someone is typing.
                 setInterval(() => {
                   if (![...document.querySelectorAll("input")].some(i => i.value || i === document.activeElement))
                     location.replace("/");
                 }, %d);
                </script>
                <style>
                 body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem;color:#222}
                 table{border-collapse:collapse;width:100%%;margin-bottom:2rem}
                 th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #ddd;vertical-align:top}
                 td:first-child{white-space:nowrap}
                 .amount{text-align:right;font-variant-numeric:tabular-nums}
                 .escalated{background:#fff3cd}
                 .notice{background:#e7f3ff;padding:.5rem 1rem}
                 .Approved{color:#0a7d32}.Rejected{color:#b00020}
                 form.inline{display:flex;gap:.4rem}
                </style></head><body>
                <h1>Expense approvals</h1>
                """.formatted(REFRESH_SECONDS * 1000));
        if (query.containsKey("submitted")) {
            html.append("<p class=\"notice\" id=\"notice\">Submitted ").append(escape(query.get("submitted")))
                    .append(". Amounts up to 100 are approved at once; others appear below for approval.</p>\n");
        } else if (query.containsKey("decided")) {
            html.append("<p class=\"notice\" id=\"notice\">Your decision on ").append(escape(query.get("decided")))
                    .append(" was sent.</p>\n");
        }
        html.append("""
                <h2>Submit an expense</h2>
                <form method="post" action="/expenses" class="inline" id="submit-form">
                 <input name="amount" placeholder="Amount" required inputmode="decimal" size="8">
                 <input name="submitter" placeholder="Submitter" required>
                 <input name="description" placeholder="Description" size="40">
                 <button type="submit" id="submit-button">Submit</button>
                </form>
                <h2>Waiting for approval</h2>
                """);
        if (pending.isEmpty()) {
            html.append("<p id=\"no-pending\">Nothing waits for approval.</p>\n");
        } else {
            html.append("<table id=\"pending\"><tr><th>Expense</th><th class=\"amount\">Amount</th><th>Submitter</th>"
                    + "<th>Description</th><th>Approver</th><th>Waiting since</th><th>Decision</th></tr>\n");
            for (ApprovalRequest r : pending) {
                String id = escape(r.expenseId());
                html.append("<tr id=\"pending-").append(id).append('"')
                        .append(r.escalated() ? " class=\"escalated\"" : "").append('>')
                        .append("<td>").append(id).append("</td>")
                        .append("<td class=\"amount\">").append(escape(r.expense().amount().toPlainString())).append("</td>")
                        .append("<td>").append(escape(r.expense().submitter())).append("</td>")
                        .append("<td>").append(escape(r.expense().description())).append("</td>")
                        .append("<td>").append(escape(r.approver())).append(r.escalated() ? " (escalated)" : "").append("</td>")
                        .append("<td>").append(TIME.format(r.received())).append("</td>")
                        .append("<td><form method=\"post\" class=\"inline\" action=\"/expenses/").append(id).append("/decision\">")
                        .append("<input name=\"comment\" placeholder=\"Comment\">")
                        .append("<button name=\"decision\" value=\"approve\">Approve</button>")
                        .append("<button name=\"decision\" value=\"reject\">Reject</button>")
                        .append("</form></td></tr>\n");
            }
            html.append("</table>\n");
        }
        html.append("<h2>Recent expenses</h2>\n");
        if (recent.isEmpty()) {
            html.append("<p>No other expenses yet.</p>\n");
        } else {
            html.append("<table id=\"recent\"><tr><th>Expense</th><th class=\"amount\">Amount</th><th>Submitter</th>"
                    + "<th>Description</th><th>Outcome</th><th>Decided by</th><th>Comment</th></tr>\n");
            for (ApprovalDesk.Decided d : recent) {
                String id = escape(d.expenseId());
                html.append("<tr id=\"recent-").append(id).append("\" data-outcome=\"").append(escape(d.outcome())).append("\">")
                        .append("<td>").append(id).append("</td>")
                        .append("<td class=\"amount\">").append(d.amount() == null ? "" : escape(d.amount().toPlainString())).append("</td>")
                        .append("<td>").append(escape(d.submitter())).append("</td>")
                        .append("<td>").append(escape(d.description())).append("</td>")
                        .append("<td class=\"outcome ").append(escape(d.outcome())).append("\">").append(escape(d.outcome()))
                        .append(d.escalated() ? " (escalated)" : "").append("</td>")
                        .append("<td>").append(escape(d.approver())).append("</td>")
                        .append("<td>").append(escape(d.comment())).append("</td></tr>\n");
            }
            html.append("</table>\n");
        }
        html.append("</body></html>\n");
        send(exchange, 200, "text/html; charset=utf-8", html.toString());
    }

    /** Reads a form body; answers 413 or 415 itself and returns null when it cannot. */
    private Map<String, String> form(HttpExchange exchange) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.startsWith("application/x-www-form-urlencoded")) {
            message(exchange, 415, "Unsupported form", "Send the form as application/x-www-form-urlencoded.");
            return null;
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_FORM_BYTES + 1);
        }
        if (body.length > MAX_FORM_BYTES) {
            message(exchange, 413, "Form too large", "A form may have at most " + MAX_FORM_BYTES + " bytes.");
            return null;
        }
        return parse(new String(body, StandardCharsets.UTF_8));
    }

    private static Map<String, String> parse(String encoded) {
        Map<String, String> fields = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return fields;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            fields.putIfAbsent(key, value);
        }
        return fields;
    }

    private static BigDecimal amount(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("amount is required");
        }
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("amount must be a number such as 125.50, not '" + text.strip() + "'");
        }
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        // 303: the browser follows a POST with a GET, so reloading the page does not post again.
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(303, -1);
    }

    private static void message(HttpExchange exchange, int status, String title, String text) throws IOException {
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title></head><body style=\"font-family:system-ui,sans-serif;margin:2rem\"><h1>" + escape(title)
                + "</h1><p id=\"message\">" + escape(text) + "</p><p><a href=\"/\">Back to the approvals</a></p></body></html>\n";
        send(exchange, status, "text/html; charset=utf-8", html);
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
