package io.cscartxero.xero;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import io.cscartxero.xero.auth.XeroTokenService;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import io.cscartxero.xero.model.XeroJson;

/**
 * Sends one Xero API request: token, tenant header, proactive rate limiting, retries with exponential backoff and
 * jitter that honour {@code Retry-After}, and the same {@code Idempotency-Key} on every attempt of a write.
 * Turns every non-2xx answer into the matching {@link XeroApiException}.
 *
 * <p>Retries use Resilience4j Retry: its interval function sees the failure, so a 429's Retry-After can drive the
 * wait (Spring Framework's RetryTemplate back-off cannot see the exception).
 */
public class XeroHttp {

    private static final Logger log = LoggerFactory.getLogger(XeroHttp.class);
    public static final int MAX_BODY_BYTES = 3_500_000;

    private final RestClient rest;
    private final XeroProperties properties;
    private final XeroTokenService tokens;
    private final XeroRateLimiter limiter;
    private final XeroCallMetrics metrics;
    private final Retry retry;

    public XeroHttp(RestClient rest, XeroProperties properties, XeroTokenService tokens, XeroRateLimiter limiter,
            XeroCallMetrics metrics) {
        this.rest = rest;
        this.properties = properties;
        this.tokens = tokens;
        this.limiter = limiter;
        this.metrics = metrics;
        this.retry = Retry.of("xero", RetryConfig.<Object>custom()
                .maxAttempts(properties.maxAttempts())
                .retryExceptions(XeroApiException.Transient.class, XeroApiException.MinuteLimit.class)
                .intervalBiFunction((Integer attempt, io.github.resilience4j.core.functions.Either<Throwable, Object> outcome) ->
                        outcome.isLeft() ? backoffMillis(attempt, outcome.getLeft()) : properties.initialBackoff().toMillis())
                .build());
        this.retry.getEventPublisher().onRetry(event -> {
            metrics.retried();
            log.info("Retrying Xero call (attempt {}) in {} ms: {}", event.getNumberOfRetryAttempts() + 1,
                    event.getWaitInterval().toMillis(), event.getLastThrowable().getMessage());
        });
    }

    public record Response(int status, HttpHeaders headers, String body) {
        public JsonNode json() {
            return XeroJson.MAPPER.readTree(body == null || body.isBlank() ? "{}" : body);
        }

        /** The body as JSON, or an empty object when Xero answered plain text or garbage. */
        JsonNode jsonOrEmpty() {
            try {
                return json();
            } catch (RuntimeException e) {
                return XeroJson.MAPPER.createObjectNode();
            }
        }
    }

    public Response get(String pathAndQuery) {
        return execute(HttpMethod.GET, pathAndQuery, null, null);
    }

    /** GET with {@code If-Modified-Since} (UTC, second precision as Xero requires); null means all records. */
    public Response getModifiedSince(String pathAndQuery, java.time.Instant modifiedSince) {
        return execute(HttpMethod.GET, pathAndQuery, null, modifiedSince == null ? null
                : java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        modifiedSince.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).atZone(java.time.ZoneOffset.UTC)));
    }

    public Response delete(String pathAndQuery) {
        return execute(HttpMethod.DELETE, pathAndQuery, null, null);
    }

    /** PUT or POST a JSON body with an Idempotency-Key derived from tenant, method, path and body. */
    public Response write(HttpMethod method, String pathAndQuery, String jsonBody) {
        if (jsonBody.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw new XeroApiException.BadRequest(413, "request body larger than Xero's 3.5 MB limit; lower sync.chunk-size");
        }
        return execute(method, pathAndQuery, jsonBody, null, "");
    }

    /**
     * A write whose Idempotency-Key also covers {@code keyContext}: for a body that may legitimately be sent again
     * later for a new record (a payment made again after its predecessor was deleted), the context tells the two
     * apart, while a retry or a restart of the same step sends the same key.
     */
    public Response write(HttpMethod method, String pathAndQuery, String jsonBody, String keyContext) {
        if (jsonBody.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw new XeroApiException.BadRequest(413, "request body larger than Xero's 3.5 MB limit; lower sync.chunk-size");
        }
        return execute(method, pathAndQuery, jsonBody, null, keyContext == null || keyContext.isEmpty() ? "" : "|" + keyContext);
    }

    static String idempotencyKey(String tenant, HttpMethod method, String pathAndQuery, String body) {
        // content-derived (64 hex chars, Xero allows 128): a chunk re-sent after a rollback carries the same key
        return sha256(tenant + "|" + method + "|" + pathAndQuery + "|" + body);
    }

    private static String sha256(String s) {
        try {
            var digest = java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Response execute(HttpMethod method, String pathAndQuery, String body, String ifModifiedSince) {
        return execute(method, pathAndQuery, body, ifModifiedSince, "");
    }

    private Response execute(HttpMethod method, String pathAndQuery, String body, String ifModifiedSince, String keyContext) {
        String key = body == null ? null : idempotencyKey(properties.tenantKey(), method, pathAndQuery, body + keyContext);
        try {
            return Retry.decorateCheckedSupplier(retry, () -> sendOnce(method, pathAndQuery, body, key, ifModifiedSince, true)).get();
        } catch (XeroApiException e) {
            throw e;
        } catch (Throwable e) {
            throw new XeroApiException.Transient("Xero call failed: " + e.getClass().getSimpleName(), e);
        }
    }

    long backoffMillis(int attempt, Throwable failure) {
        if (failure instanceof XeroApiException.MinuteLimit limit) {
            // Xero says exactly when the window reopens; a little jitter spreads the waiting threads
            return limit.retryAfter().toMillis() + ThreadLocalRandom.current().nextLong(0, 250);
        }
        long base = properties.initialBackoff().toMillis() * (1L << Math.min(attempt - 1, 16));
        long capped = Math.min(base, properties.maxBackoff().toMillis());
        return capped / 2 + ThreadLocalRandom.current().nextLong(0, capped / 2 + 1);
    }

    private void observeMinuteRemaining(String header) {
        if (header != null && header.strip().matches("\\d{1,9}")) {
            limiter.observeRemaining(Integer.parseInt(header.strip()));
        }
    }

    private Response sendOnce(HttpMethod method, String pathAndQuery, String body, String key, String ifModifiedSince,
            boolean mayRefresh)
            throws InterruptedException {
        String token = tokens.accessToken();
        Response response;
        try (XeroRateLimiter.Permit permit = limiter.acquire()) {
            metrics.call(method.name());
            long started = System.nanoTime();
            response = exchange(method, pathAndQuery, body, key, ifModifiedSince, token);
            log.debug("{} {} -> {} in {} ms", method, pathAndQuery, response.status(), (System.nanoTime() - started) / 1_000_000);
        }
        metrics.dayRemaining(response.headers().getFirst("X-DayLimit-Remaining"));
        int status = response.status();
        if (status != 429) {   // a 429's wait is its Retry-After
            observeMinuteRemaining(response.headers().getFirst("X-MinLimit-Remaining"));
        }
        if (status >= 200 && status < 300) {
            return response;
        }
        if (status == 401 && mayRefresh) {
            // the access token expired or was revoked early: obtain a new one once and try again
            tokens.invalidate(token);
            return sendOnce(method, pathAndQuery, body, key, ifModifiedSince, false);
        }
        throw classify(response);
    }

    private Response exchange(HttpMethod method, String pathAndQuery, String body, String key, String ifModifiedSince,
            String token) {
        try {
            RestClient.RequestBodySpec spec = rest.method(method)
                    .uri(java.net.URI.create(properties.apiUrl() + pathAndQuery)) // callers encode query values
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .accept(MediaType.APPLICATION_JSON);
            if (properties.tenantId() != null && !properties.tenantId().isBlank()) {
                spec.header("xero-tenant-id", properties.tenantId());
            }
            if (ifModifiedSince != null) {
                spec.header("If-Modified-Since", ifModifiedSince);
            }
            if (body != null) {
                spec.contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", key).body(body);
            }
            return spec.exchange((req, res) -> new Response(res.getStatusCode().value(), res.getHeaders(),
                    new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8)));
        } catch (ResourceAccessException e) {
            metrics.transientFailure();
            throw new XeroApiException.Transient("I/O error calling Xero " + method + " " + stripQuery(pathAndQuery)
                    + ": " + rootMessage(e), null);
        }
    }

    private XeroApiException classify(Response response) {
        int status = response.status();
        if (status == 429) {
            metrics.rateLimited();
            String header = response.headers().getFirst("X-Rate-Limit-Problem");
            String problem = header == null ? "limit not named by Xero" : header.toLowerCase(Locale.ROOT);
            Duration retryAfter = Duration.ofSeconds(parseLong(response.headers().getFirst("Retry-After"), 1));
            // a wait far beyond a minute window is not something to sleep through inside a chunk: stop cleanly
            // and say when to restart, as for the daily limit
            Duration longest = properties.window().multipliedBy(2).compareTo(Duration.ofMinutes(5)) > 0
                    ? properties.window().multipliedBy(2) : Duration.ofMinutes(5);
            if (problem.contains("day") || "0".equals(response.headers().getFirst("X-DayLimit-Remaining"))
                    || retryAfter.compareTo(longest) > 0) {
                return new XeroApiException.DailyLimit(retryAfter);
            }
            return new XeroApiException.MinuteLimit(problem, retryAfter);
        }
        if (status >= 500) {
            metrics.transientFailure();
            return new XeroApiException.Transient("Xero answered HTTP " + status + ": " + summary(response), null);
        }
        if (status == 401 || status == 403) {
            return new XeroApiException.Auth("Xero refused access (HTTP " + status + "): "
                    + response.jsonOrEmpty().path("Detail").asString(summary(response))
                    + (status == 403 ? " - check xero.tenant-id and the granted scopes" : ""));
        }
        if (status == 404) {
            return new XeroApiException.NotFound("The resource you're looking for cannot be found");
        }
        JsonNode json = response.jsonOrEmpty();
        if ("ValidationException".equals(json.path("Type").asString(""))) {
            List<String> messages = new ArrayList<>();
            for (JsonNode element : json.path("Elements")) {
                for (JsonNode error : element.path("ValidationErrors")) {
                    messages.add(error.path("Message").asString());
                }
            }
            if (messages.isEmpty()) {
                messages.add(json.path("Message").asString("A validation exception occurred"));
            }
            return new XeroApiException.Validation(messages);
        }
        return new XeroApiException.BadRequest(status, summary(response));
    }

    private static String summary(Response response) {
        JsonNode json = response.jsonOrEmpty();
        String message = json.path("Message").asString(null);
        if (message != null) {
            return json.path("Type").asString("") + " " + message;
        }
        String body = response.body() == null ? "" : response.body().strip();
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    private static long parseLong(String value, long fallback) {
        try {
            return value == null ? fallback : Math.max(0, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String stripQuery(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
    }
}
