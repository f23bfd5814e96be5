package io.cscartxero.badinput;

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
 * Someone typing records into Xero (through the sandbox's API): what the import cases start from. Returns the ids
 * Xero gave the records.
 */
final class XeroApi {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private final XeroSandbox sandbox;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private String token;

    XeroApi(XeroSandbox sandbox) {
        this.sandbox = sandbox;
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** Creates one contact; returns its ContactID. */
    String contact(ObjectNode contact) {
        return write("PUT", "/Contacts", "Contacts", contact).path("ContactID").asString();
    }

    /** Creates one item; returns its ItemID. */
    String item(ObjectNode item) {
        return write("PUT", "/Items?unitdp=4", "Items", item).path("ItemID").asString();
    }

    /** Archives a contact. */
    void archive(String contactId) {
        write("POST", "/Contacts", "Contacts", object().put("ContactID", contactId).put("ContactStatus", "ARCHIVED"));
    }

    private JsonNode write(String method, String path, String collection, ObjectNode element) {
        ObjectNode body = object();
        body.putArray(collection).add(element);
        try {
            HttpResponse<String> response = http.send(request(path).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body()).path(collection).get(0);
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path) throws java.io.IOException, InterruptedException {
        return HttpRequest.newBuilder(URI.create(sandbox.apiUrl() + path))
                .header("Authorization", "Bearer " + token())
                .header("xero-tenant-id", sandbox.settings().tenantId());
    }

    private String token() throws java.io.IOException, InterruptedException {
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
