package io.cscartxero.sandbox;

import java.util.Map;

/**
 * One request as the sandbox saw it. Header names are lower case; the body is decoded as UTF-8 and cut at 64 KiB.
 * {@code status} is the status sent, or 0 when the connection was dropped on purpose.
 */
public record RecordedRequest(String method, String path, String query, Map<String, String> headers, String body,
        int status) {

    public RecordedRequest {
        headers = Map.copyOf(headers);
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
}
