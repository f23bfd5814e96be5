package io.cscartxero.sandbox;

import java.time.Duration;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sandbox's own endpoints under {@code /sandbox}, without authentication and not counted in the stats:
 * {@code GET /sandbox/stats}, {@code POST /sandbox/reset}, {@code GET|POST /sandbox/faults},
 * {@code POST /sandbox/authorization-code?redirect_uri=...&scope=...}.
 */
final class ControlEndpoints {

    private final XeroSandbox sandbox;

    ControlEndpoints(XeroSandbox sandbox) {
        this.sandbox = sandbox;
    }

    SandboxResponse handle(SandboxRequest request, String subPath) {
        return switch (request.method() + " " + subPath) {
            case "GET /stats" -> SandboxResponse.json(200, XeroJson.MAPPER.valueToTree(sandbox.stats().asMap()));
            case "POST /reset" -> {
                sandbox.reset();
                ObjectNode body = XeroJson.object();
                body.put("status", "reset");
                yield SandboxResponse.json(200, body);
            }
            case "GET /faults" -> faultsState();
            case "POST /faults" -> configureFaults(request);
            case "POST /authorization-code" -> {
                String redirectUri = request.param("redirect_uri");
                if (redirectUri == null || redirectUri.isBlank()) yield SandboxResponse.text(400, "redirect_uri is required");
                String scope = request.param("scope") == null ? SandboxMain.CONNECTOR_SCOPES : request.param("scope");
                ObjectNode body = XeroJson.object();
                body.put("code", sandbox.issueAuthorizationCode(redirectUri, scope));
                body.put("redirect_uri", redirectUri);
                body.put("scope", scope);
                yield SandboxResponse.json(200, body);
            }
            default -> XeroErrors.notFound();
        };
    }

    /**
     * JSON like {@code {"clear":true, "failNext":{"count":2,"status":503}, "rateLimitNext":1, "serverErrorRate":0.1,
     * "slowRate":0.2, "slowDelayMs":500, "dropRate":0.05, "seed":42, "expireAccessTokens":true}}; every field optional.
     */
    private SandboxResponse configureFaults(SandboxRequest request) {
        JsonNode body;
        try {
            body = request.hasBody() ? XeroJson.parse(request.body()) : XeroJson.object();
        } catch (JacksonException e) {
            return SandboxResponse.text(400, "invalid JSON: " + e.getOriginalMessage());
        }
        SandboxFaults faults = sandbox.faults();
        try {
            if (body.path("clear").asBoolean(false)) faults.clear();
            if (body.has("seed")) faults.setRandomSeed(body.get("seed").asLong());
            if (body.has("failNext")) {
                faults.failNext(body.get("failNext").path("count").asInt(1), body.get("failNext").path("status").asInt(500));
            }
            if (body.has("rateLimitNext")) faults.rateLimitNext(body.get("rateLimitNext").asInt());
            if (body.has("serverErrorRate")) faults.setServerErrorRate(body.get("serverErrorRate").asDouble());
            if (body.has("slowRate")) {
                faults.setSlowRate(body.get("slowRate").asDouble(),
                        Duration.ofMillis(body.path("slowDelayMs").asLong(1000)));
            }
            if (body.has("dropRate")) faults.setDropRate(body.get("dropRate").asDouble());
            if (body.path("expireAccessTokens").asBoolean(false)) faults.expireAccessTokens();
        } catch (IllegalArgumentException e) {
            return SandboxResponse.text(400, e.getMessage());
        }
        return faultsState();
    }

    private SandboxResponse faultsState() {
        return SandboxResponse.json(200, XeroJson.MAPPER.valueToTree(sandbox.faults().describe()));
    }
}
