package io.cscartxero.badinput;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import io.cscartxero.testsupport.XeroUser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A tiny HTTP server between the connector and the Xero sandbox that forwards every call unchanged, except the calls
 * a test {@link #arm arms} a fault for: those get a malformed answer (invalid JSON, an HTML page, fewer elements,
 * odd statuses...). A fault either replaces the answer without forwarding (Xero did nothing) or forwards first and
 * then garbles the answer (Xero did the work, the connector cannot tell) — the case idempotency keys exist for.
 */
final class XeroProxy implements AutoCloseable {

    /** Xero's answer as the sandbox gave it (or would have). */
    record Answer(int status, Map<String, List<String>> headers, String body) {
    }

    /** What the connector gets instead. {@code forward} runs the call against the sandbox. */
    interface Fault {
        Answer answer(Forward forward) throws IOException, InterruptedException;
    }

    interface Forward {
        Answer call() throws IOException, InterruptedException;
    }

    /** A fault that closes the connection without any answer (after forwarding the call). */
    static final Fault DROP_AFTER_FORWARDING = forward -> {
        forward.call();
        return null;
    };

    private record Rule(String method, String pathPrefix, AtomicInteger remaining, Fault fault) {
    }

    private static final Set<String> HOP_BY_HOP = Set.of("content-length", "transfer-encoding", "connection", "date", "host");

    private final String target;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "xero-proxy");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final AtomicInteger faultsServed = new AtomicInteger();

    XeroProxy(String targetBaseUrl) throws IOException {
        this.target = targetBaseUrl;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** The next {@code times} calls whose method and path (without query) start as given get {@code fault}. */
    void arm(String method, String pathPrefix, int times, Fault fault) {
        rules.add(new Rule(method, pathPrefix, new AtomicInteger(times), fault));
    }

    void disarm() {
        rules.clear();
    }

    int faultsServed() {
        return faultsServed.get();
    }

    // ---- faults

    /** Answers without forwarding: Xero did nothing. */
    static Fault reply(int status, String contentType, String body, String... headerPairs) {
        return forward -> new Answer(status, headers(contentType, headerPairs), body);
    }

    /** Forwards (Xero does the work), then answers {@code body} with status 200 instead of Xero's answer. */
    static Fault replaceAfterForwarding(String contentType, String body) {
        return forward -> {
            forward.call();
            return new Answer(200, headers(contentType), body);
        };
    }

    /** Forwards, then removes the last element of the answer's JSON array named {@code collection}. */
    static Fault dropLastElement(String collection) {
        return forward -> {
            Answer real = forward.call();
            var json = (tools.jackson.databind.node.ObjectNode) XeroUser.JSON.readTree(real.body());
            var array = (tools.jackson.databind.node.ArrayNode) json.get(collection);
            array.remove(array.size() - 1);
            return new Answer(real.status(), real.headers(), XeroUser.JSON.writeValueAsString(json));
        };
    }

    /** Waits, then forwards. */
    static Fault slow(Duration delay) {
        return forward -> {
            Thread.sleep(delay.toMillis());
            return forward.call();
        };
    }

    private static Map<String, List<String>> headers(String contentType, String... pairs) {
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        if (contentType != null) {
            headers.put("Content-Type", List.of(contentType));
        }
        for (int i = 0; i < pairs.length; i += 2) {
            headers.put(pairs[i], List.of(pairs[i + 1]));
        }
        return headers;
    }

    // ---- serving

    private void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            Forward forward = () -> forward(exchange, method, body);
            Rule rule = rules.stream().filter(r -> r.method().equals(method) && path.startsWith(r.pathPrefix())
                    && r.remaining().getAndUpdate(n -> Math.max(0, n - 1)) > 0).findFirst().orElse(null);
            Answer answer;
            if (rule == null) {
                answer = forward.call();
            } else {
                faultsServed.incrementAndGet();
                answer = rule.fault().answer(forward);
            }
            if (answer == null) {
                return;   // closing without a status line: the connection drops
            }
            answer.headers().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    exchange.getResponseHeaders().put(name, new ArrayList<>(values));
                }
            });
            byte[] bytes = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    private Answer forward(HttpExchange exchange, String method, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.equalsIgnoreCase("expect")
                    && !name.equalsIgnoreCase("upgrade")) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().map(), response.body());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
