package io.cscartxero.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.cscartxero.sandbox.XeroSandbox;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Someone working in the Xero organisation by hand (through the sandbox's API): creates, edits, archives and deletes
 * records — what the import and round-trip cases start from. The one copy every test uses.
 */
public final class XeroUser {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private final XeroSandbox sandbox;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private String token;

    public XeroUser(XeroSandbox sandbox) {
        this.sandbox = sandbox;
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** Creates one contact; returns its ContactID. */
    public String contact(ObjectNode contact) {
        return write("PUT", "/Contacts", "Contacts", contact).path("ContactID").asString();
    }

    /** Creates one item; returns its ItemID. */
    public String item(ObjectNode item) {
        return write("PUT", "/Items?unitdp=4", "Items", item).path("ItemID").asString();
    }

    /** Archives a contact. */
    public void archive(String contactId) {
        write("POST", "/Contacts", "Contacts", object().put("ContactID", contactId).put("ContactStatus", "ARCHIVED"));
    }

    private JsonNode write(String method, String path, String collection, ObjectNode element) {
        ObjectNode body = object();
        body.putArray(collection).add(element);
        return send(method, path, JSON.writeValueAsString(body)).path(collection).get(0);
    }

    public JsonNode put(String path, String json) {
        return send("PUT", path, json);
    }

    public JsonNode post(String path, String json) {
        return send("POST", path, json);
    }

    /** A GET as an app would make it (e.g. {@code /Payments}); the answer's JSON. */
    public JsonNode get(String path) {
        try {
            HttpResponse<String> response = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " -> " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public int delete(String path) {
        try {
            return http.send(request(path).DELETE().build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode send(String method, String path, String json) {
        try {
            HttpResponse<String> response = http.send(request(path).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path) throws Exception {
        return HttpRequest.newBuilder(URI.create(sandbox.apiUrl() + path))
                .header("Authorization", "Bearer " + token())
                .header("xero-tenant-id", sandbox.settings().tenantId());
    }

    private String token() throws Exception {
        if (token == null) {
            String basic = Base64.getEncoder().encodeToString((sandbox.settings().clientId() + ":" + sandbox.settings().clientSecret())
                    .getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(sandbox.identityUrl() + "/connect/token"))
                    .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(), HttpResponse.BodyHandlers.ofString());
            token = JSON.readTree(response.body()).path("access_token").asString();
        }
        return token;
    }
}
