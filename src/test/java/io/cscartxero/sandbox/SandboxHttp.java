package io.cscartxero.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain java.net.http client for the sandbox tests (HTTP/1.1, like the connector). */
final class SandboxHttp {

    /** Decimals as BigDecimal, so that tests see amounts exactly as sent ("15.0000"). */
    static final JsonMapper JSON = JsonMapper.builder()
            .enable(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    static final String SCOPES = "offline_access accounting.contacts accounting.settings";
    static final String REDIRECT = "http://localhost:8080/callback";

    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final XeroSandbox sandbox;
    String accessToken;

    SandboxHttp(XeroSandbox sandbox) {
        this.sandbox = sandbox;
    }

    record Reply(int status, Map<String, String> headers, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        /** The Contacts array of a 200 envelope. */
        JsonNode contacts() {
            return json().get("Contacts");
        }

        /** An array of a 200 envelope, e.g. "Items" or "Invoices". */
        JsonNode list(String name) {
            return json().get(name);
        }

        /** Every ValidationErrors message of element i of a 400 ValidationException. */
        java.util.List<String> elementErrors(int i) {
            java.util.List<String> messages = new java.util.ArrayList<>();
            json().get("Elements").get(i).get("ValidationErrors").forEach(m -> messages.add(m.get("Message").asString()));
            return messages;
        }

        /** The first ValidationErrors message of element i of a 400 ValidationException. */
        String elementError(int i) {
            return json().get("Elements").get(i).get("ValidationErrors").get(0).get("Message").asString();
        }
    }

    // ---- OAuth ----

    Reply token(Map<String, String> form) {
        return token(form, basic(sandbox.settings().clientId(), sandbox.settings().clientSecret()));
    }

    Reply token(Map<String, String> form, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sandbox.identityUrl() + "/connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form)));
        if (authorization != null) b.header("Authorization", authorization);
        return send(b.build());
    }

    /** Authorization-code exchange with the connector's scopes; remembers the access token. */
    JsonNode login() {
        return login(SCOPES);
    }

    JsonNode login(String scope) {
        String code = sandbox.issueAuthorizationCode(REDIRECT, scope);
        Reply reply = token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT));
        if (reply.status() != 200) throw new IllegalStateException("login failed: " + reply);
        JsonNode json = reply.json();
        accessToken = json.get("access_token").asString();
        return json;
    }

    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    static String form(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    // ---- Accounting API ----

    /** A tenant API call with the remembered token and the default tenant. Extra headers: name, value, ... */
    Reply api(String method, String pathAndQuery, String body, String... headers) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Authorization", "Bearer " + accessToken);
        h.put("xero-tenant-id", sandbox.settings().tenantId());
        h.put("Accept", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i + 1] == null) h.remove(headers[i]);
            else h.put(headers[i], headers[i + 1]);
        }
        return raw(method, sandbox.apiUrl() + pathAndQuery, body, h);
    }

    Reply get(String pathAndQuery, String... headers) {
        return api("GET", pathAndQuery, null, headers);
    }

    Reply put(String pathAndQuery, String body, String... headers) {
        return api("PUT", pathAndQuery, body, headers);
    }

    Reply post(String pathAndQuery, String body, String... headers) {
        return api("POST", pathAndQuery, body, headers);
    }

    Reply delete(String pathAndQuery, String... headers) {
        return api("DELETE", pathAndQuery, null, headers);
    }

    Reply raw(String method, String url, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) b.header("Content-Type", "application/json");
        headers.forEach(b::header);
        return send(b.build());
    }

    Reply send(HttpRequest request) {
        try {
            return sendOrThrow(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Reply sendOrThrow(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            return new Reply(response.statusCode(), headers, response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** {"Contacts":[{"Name":...}, ...]} from name/number pairs. */
    static String contacts(String... elementsJson) {
        return "{\"Contacts\":[" + String.join(",", elementsJson) + "]}";
    }

    static String contact(String name, String number) {
        return "{\"Name\":\"" + name + "\"" + (number == null ? "" : ",\"ContactNumber\":\"" + number + "\"") + "}";
    }
}
