package io.cscartxero.customer;

import java.util.List;

import io.cscartxero.sandbox.RecordedRequest;
import io.cscartxero.sandbox.XeroSandbox;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads what the connector actually sent to the sandbox. */
final class SandboxRequests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SandboxRequests() {
    }

    static List<RecordedRequest> writes(XeroSandbox sandbox, String method) {
        return sandbox.stats().requests().stream()
                .filter(r -> r.method().equals(method) && r.path().endsWith("/Contacts"))
                .toList();
    }

    static int contactsIn(RecordedRequest request) {
        JsonNode body = JSON.readTree(request.body());
        return body.path("Contacts").size();
    }
}
