package io.cscartxero.xero.auth;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OAuth 2.0 authorization-code round trip through the user's browser: a fresh {@code state} and PKCE pair
 * (S256), and a local HTTP server on the redirect URI that waits for Xero's answer. Only a callback carrying our
 * {@code state} ends the wait: any other (forged by a web page that makes the browser hit the local address, or
 * stale, from another attempt) is answered with a neutral page, logged as a warning without its values, and ignored,
 * so it can neither abort {@code connect} nor have its code exchanged. The code verifier never leaves this object
 * except in the token request; {@link #toString()} hides it.
 */
public final class AuthorizationCodeFlow implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger log = LoggerFactory.getLogger(AuthorizationCodeFlow.class);

    /** What came back to the redirect URI. */
    public sealed interface Callback {
    }

    /** Our state and a code: exchange it. */
    public record Code(String code) implements Callback {
        @Override
        public String toString() {
            return "Code[***]";
        }
    }

    /** Xero (or the user) declined: {@code error=access_denied} and the like. */
    public record Denied(String error, String description) implements Callback {
    }

    private final URI redirectUri;
    private final String state = random(32);
    private final String codeVerifier = random(64);   // 86 characters (RFC 7636: 43..128)
    private final CompletableFuture<Callback> callback = new CompletableFuture<>();
    private final HttpServer server;
    private final AtomicInteger ignoredCallbacks = new AtomicInteger();

    private AuthorizationCodeFlow(URI redirectUri, HttpServer server) {
        this.redirectUri = redirectUri;
        this.server = server;
    }

    /**
     * Starts listening on the redirect URI, which must be {@code http://localhost[:port]/path} (or 127.0.0.1 / [::1]):
     * Xero accepts plain http only for localhost, and this server must be reachable by the user's browser.
     *
     * @throws IllegalArgumentException when the URI is not such an address or its port cannot be bound
     */
    public static AuthorizationCodeFlow listen(String redirectUri) {
        URI uri;
        try {
            uri = URI.create(redirectUri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("xero.redirect-uri is not a URI: " + redirectUri);
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1");
        if (!"http".equalsIgnoreCase(uri.getScheme()) || !loopback || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("xero.redirect-uri must be a http://localhost:<port>/<path> address (connect "
                    + "listens there for Xero's answer; register the same URI with the Xero app), not " + redirectUri);
        }
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        HttpServer server;
        try {
            InetAddress address = host.equals("localhost") ? InetAddress.getLoopbackAddress() : InetAddress.getByName(host.replace("[", "").replace("]", ""));
            server = HttpServer.create(new InetSocketAddress(address, port), 8);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot listen on " + host + ":" + port + " for Xero's answer ("
                    + e.getMessage() + "): free the port or set xero.redirect-uri to another address registered with the Xero app");
        }
        AuthorizationCodeFlow flow = new AuthorizationCodeFlow(uri, server);
        server.createContext("/", flow::handle);
        server.start();
        return flow;
    }

    public String redirectUri() {
        return redirectUri.toString();
    }

    public String state() {
        return state;
    }

    /** Goes into the token request only. */
    String codeVerifier() {
        return codeVerifier;
    }

    /** BASE64URL(SHA-256(verifier)): goes into the consent URL. */
    public String codeChallenge() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(codeVerifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Exchanges the code of our callback, with this flow's redirect URI and code verifier. */
    public XeroIdentity.Tokens exchange(XeroIdentity identity, Code code) {
        return identity.exchange(code.code(), redirectUri(), codeVerifier);
    }

    /** The first callback to the redirect URI that carries our state (others are ignored). */
    public Callback await(Duration timeout) throws TimeoutException, InterruptedException {
        try {
            return callback.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** How many callbacks without our state were ignored so far. */
    public int ignoredCallbacks() {
        return ignoredCallbacks.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    @Override
    public String toString() {
        return "AuthorizationCodeFlow[redirectUri=" + redirectUri + ", codeVerifier=***]";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String expected = redirectUri.getRawPath() == null || redirectUri.getRawPath().isEmpty() ? "/" : redirectUri.getRawPath();
            if (!"GET".equals(exchange.getRequestMethod()) || !expected.equals(path)) {
                respond(exchange, 404, "Not found.");   // e.g. the browser asking for /favicon.ico
                return;
            }
            if (callback.isDone()) {
                respond(exchange, 409, "This connect attempt has already received Xero's answer; see the terminal.");
                return;
            }
            Map<String, String> query = parseQuery(exchange.getRequestURI().getRawQuery());
            if (!sameState(query.get("state"))) {
                // forged or stale: not ours to act on. The wait goes on; neither its values nor ours are shown
                ignoredCallbacks.incrementAndGet();
                log.warn("Ignored a request to the connect callback address that does not carry this attempt's state "
                        + "(forged, or from another attempt); still waiting for Xero's answer");
                respond(exchange, 400, "This address only accepts the answer to the connect command that is running in "
                        + "the terminal. Nothing was done.");
                return;
            }
            Callback result;
            if (query.get("error") != null) {
                result = new Denied(query.get("error"), query.get("error_description"));
                respond(exchange, 200, "Xero did not grant access (" + query.get("error") + "). See the terminal.");
            } else if (query.get("code") == null || query.get("code").isBlank()) {
                result = new Denied("invalid_request", "no code in the callback");
                respond(exchange, 400, "Xero's answer has no authorization code. See the terminal.");
            } else {
                result = new Code(query.get("code"));
                respond(exchange, 200, "Xero granted access. The connector is finishing the connection: see the terminal. "
                        + "You can close this window.");
            }
            callback.complete(result);
        }
    }

    private boolean sameState(String received) {
        return received != null && MessageDigest.isEqual(received.getBytes(StandardCharsets.UTF_8), state.getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(HttpExchange exchange, int status, String message) throws IOException {
        byte[] body = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>cscart-xero</title></head><body><p>"
                + message.replace("&", "&amp;").replace("<", "&lt;") + "</p></body></html>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(key, value);
        }
        return params;
    }

    private static String random(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }
}
