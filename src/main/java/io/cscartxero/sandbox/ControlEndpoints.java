package io.cscartxero.sandbox;

import java.time.Duration;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sandbox's own endpoints under {@code /sandbox}, without authentication and not counted in the stats:
 * {@code GET /sandbox/stats}, {@code POST /sandbox/reset}, {@code GET|POST /sandbox/faults},
 * {@code POST /sandbox/authorization-code?redirect_uri=...&scope=...}; several organisations:
 * {@code POST /sandbox/organisations} (an organisation, optionally with its own custom connection),
 * {@code GET /sandbox/stats/tenants} (calls, 429s, first and last call per organisation) and the {@code tenants} field of
 * {@code POST /sandbox/faults} (one organisation rate-limited on every call, or revoked).
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
            case "GET /stats/tenants" -> SandboxResponse.json(200, XeroJson.MAPPER.valueToTree(sandbox.stats().tenantsAsMap()));
            case "POST /organisations" -> addOrganisation(request);
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
     * JSON {@code {"tenantId":"...", "tenantName":"...", "clientId":"...", "clientSecret":"..."}}: the organisation,
     * connected by every later consent; with clientId and clientSecret, through its own custom connection instead.
     */
    private SandboxResponse addOrganisation(SandboxRequest request) {
        JsonNode body;
        try {
            body = request.hasBody() ? XeroJson.parse(request.body()) : XeroJson.object();
        } catch (JacksonException e) {
            return SandboxResponse.text(400, "invalid JSON: " + e.getOriginalMessage());
        }
        String tenantId = body.path("tenantId").asString("");
        String tenantName = body.path("tenantName").asString(tenantId);
        String clientId = body.path("clientId").asString("");
        String clientSecret = body.path("clientSecret").asString("");
        if (tenantId.isBlank()) return SandboxResponse.text(400, "tenantId is required");
        if (clientId.isBlank() != clientSecret.isBlank()) {
            return SandboxResponse.text(400, "clientId and clientSecret go together");
        }
        try {
            if (clientId.isBlank()) sandbox.addOrganisation(tenantId, tenantName);
            else sandbox.addCustomConnection(clientId, clientSecret, tenantId, tenantName);
        } catch (IllegalArgumentException e) {
            return SandboxResponse.text(400, e.getMessage());
        }
        ObjectNode out = XeroJson.object();
        out.put("tenantId", tenantId);
        out.put("tenantName", tenantName);
        if (!clientId.isBlank()) out.put("clientId", clientId);
        return SandboxResponse.json(200, out);
    }

    /**
     * JSON like {@code {"clear":true, "failNext":{"count":2,"status":503}, "rateLimitNext":1, "serverErrorRate":0.1,
     * "slowRate":0.2, "slowDelayMs":500, "dropRate":0.05, "seed":42, "expireAccessTokens":true,
     * "tenants":{"<tenantId>":{"rateLimitAll":true, "revoke":true}}}}; every field optional. {@code rateLimitAll} false
     * ends an organisation's 429s; a revocation lasts until {@code POST /sandbox/reset}.
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
            if (body.has("tenants")) {
                for (var entry : body.get("tenants").properties()) {
                    JsonNode t = entry.getValue();
                    if (t.has("rateLimitAll")) faults.rateLimitTenant(entry.getKey(), t.get("rateLimitAll").asBoolean());
                    if (t.path("revoke").asBoolean(false)) sandbox.revokeOrganisation(entry.getKey());
                }
            }
        } catch (IllegalArgumentException e) {
            return SandboxResponse.text(400, e.getMessage());
        }
        return faultsState();
    }

    private SandboxResponse faultsState() {
        var state = new java.util.LinkedHashMap<String, Object>(sandbox.faults().describe());
        state.put("revokedTenants", new java.util.ArrayList<>(sandbox.revokedOrganisations()));
        return SandboxResponse.json(200, XeroJson.MAPPER.valueToTree(state));
    }
}
