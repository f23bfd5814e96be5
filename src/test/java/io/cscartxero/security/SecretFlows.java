package io.cscartxero.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.TerminalCommand;
import io.cscartxero.sandbox.RecordedRequest;
import io.cscartxero.testsupport.FreePorts;

/**
 * The operator's side of the OAuth flows for the security tests: a connector harness set up as a standard app, a
 * "terminal" running a command and a "browser" following Xero's redirect to the connector's local callback. Every
 * value that must never be printed (state, code, verifier, tokens, client secret, Authorization headers) is collected.
 */
final class SecretFlows implements AutoCloseable {


    final ConnectorHarness harness;
    /** connect's callback address; another port is taken when connect could not bind this one (see {@link #connect}). */
    String redirectUri;
    final StringBuilder commandOutput = new StringBuilder();
    /** Values seen by the browser side: state and authorization codes. */
    final Set<String> browserSecrets = new LinkedHashSet<>();
    private final ExecutorService terminal = Executors.newCachedThreadPool();
    final HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    SecretFlows(String tokenKey) {
        harness = ConnectorHarness.start(ConnectorHarness.fastSandbox(), false);
        harness.set("xero.grant", "refresh_token").set("xero.tenant-id", "").set("xero.callback-timeout", "30s");
        newCallbackPort();
        if (tokenKey != null) {
            harness.set("xero.token-encryption-key", tokenKey);
        }
    }

    @Override
    public void close() {
        terminal.shutdownNow();
        harness.close();
    }

    record Result(int exit, String out) {
    }

    /** A command running in the "terminal" while the test acts as the user's browser; the state it prints is a browser secret. */
    final class Running {
        final TerminalCommand command;

        Running(String... args) {
            command = new TerminalCommand(terminal, harness, args);
        }

        String out() {
            return command.out();
        }

        String awaitAuthorizeUrl() throws InterruptedException {
            String url = command.awaitAuthorizeUrl(Duration.ofSeconds(90));
            browserSecrets.add(query(url).get("state"));
            return url;
        }

        Result finish() throws Exception {
            int code = command.awaitExit(Duration.ofSeconds(90));
            commandOutput.append(out());
            return new Result(code, out());
        }
    }

    Result cli(String... command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = harness.cli(new PrintStream(bytes, true, StandardCharsets.UTF_8), command);
        String out = bytes.toString(StandardCharsets.UTF_8);
        commandOutput.append(out);
        return new Result(exit, out);
    }

    HttpResponse<String> get(String url) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The user consents on Xero's screen; returns the address Xero sends the browser back to. */
    String consentRedirect(String authorizeUrl) throws Exception {
        HttpResponse<String> xero = get(authorizeUrl);
        assertThat(xero.statusCode()).isEqualTo(302);
        String location = xero.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(redirectUri + "?code=");
        browserSecrets.add(query(location).get("code"));
        return location;
    }

    /**
     * The callback port is part of the configured redirect URI, so it is chosen before connect binds it: free when
     * probed, then released. Another process may bind that very number in between - Selenium's PortProber (the
     * chromedriver of ConsoleBrowserTest, in any JVM on the machine) picks its ports the same way from the same range
     * below the kernel's ephemeral ones. connect then ends at once with "Cannot listen on ... Address already in use".
     */
    private void newCallbackPort() {
        redirectUri = "http://localhost:" + FreePorts.outsideEphemeralRange() + "/callback";
        harness.set("xero.redirect-uri", redirectUri);
    }

    /**
     * {@code connect} end to end: consent, callback, exchange, stored. When connect could not bind its callback port
     * (taken by another process since it was probed, see {@link #newCallbackPort}), it is run again on another port.
     */
    Result connect() throws Exception {
        for (int attempt = 1;; attempt++) {
            Running running = new Running("connect");
            String authorizeUrl;
            try {
                authorizeUrl = running.awaitAuthorizeUrl();
            } catch (AssertionError notListening) {
                if (attempt < 3 && running.command.ended() && running.out().contains("Cannot listen on")) {
                    assertThat(running.finish().exit()).as("connect without its callback port").isNotZero();
                    newCallbackPort();
                    continue;
                }
                throw notListening;
            }
            HttpResponse<String> callback = get(consentRedirect(authorizeUrl));
            assertThat(callback.statusCode()).isEqualTo(200);
            return running.finish();
        }
    }

    static Map<String, String> query(String url) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    static String formValue(RecordedRequest request, String name) {
        for (String pair : request.body().split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /**
     * Every secret the run has seen: the client secret, the state and codes the browser carried, and from what the
     * sandbox received: Authorization header values (Basic and Bearer), refresh tokens, codes and PKCE verifiers; and
     * the access and refresh tokens the sandbox issued (its responses).
     */
    Set<String> secretsSeen() {
        Set<String> secrets = new LinkedHashSet<>(browserSecrets);
        secrets.add(harness.sandbox.settings().clientSecret());
        for (RecordedRequest r : harness.sandbox.stats().requests()) {
            String auth = r.header("authorization");
            if (auth != null) {
                secrets.add(auth.substring(auth.indexOf(' ') + 1));
            }
            if (r.path().equals("/connect/token") || r.path().equals("/connect/revocation")) {
                for (String field : List.of("refresh_token", "code_verifier", "code", "token")) {
                    String value = formValue(r, field);
                    if (value != null) {
                        secrets.add(value);
                    }
                }
            }
        }
        secrets.remove(null);
        secrets.removeIf(String::isBlank);
        return secrets;
    }
}
