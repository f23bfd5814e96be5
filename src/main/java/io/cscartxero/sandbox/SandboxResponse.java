package io.cscartxero.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/** A complete response, kept as bytes so that the idempotency cache can replay it exactly. */
record SandboxResponse(int status, Map<String, String> headers, byte[] body) {

    static final String JSON = "application/json; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";

    SandboxResponse {
        headers = Map.copyOf(headers);
    }

    static SandboxResponse json(int status, JsonNode body) {
        return new SandboxResponse(status, Map.of("Content-Type", JSON), XeroJson.bytes(body));
    }

    static SandboxResponse text(int status, String body) {
        return new SandboxResponse(status, Map.of("Content-Type", TEXT), body.getBytes(StandardCharsets.UTF_8));
    }

    static SandboxResponse empty(int status) {
        return new SandboxResponse(status, Map.of(), new byte[0]);
    }

    SandboxResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new SandboxResponse(status, copy, body);
    }

    SandboxResponse withHeaders(Map<String, String> extra) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.putAll(extra);
        return new SandboxResponse(status, copy, body);
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
