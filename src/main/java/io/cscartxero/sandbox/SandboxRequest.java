package io.cscartxero.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** An HTTP request as read off the wire. Header names are lower case; query parameter names are case-insensitive. */
record SandboxRequest(String method, String path, String rawQuery, Map<String, String> query,
        Map<String, String> headers, byte[] body) {

    static SandboxRequest of(String method, String path, String rawQuery, Map<String, String> headers, byte[] body) {
        return new SandboxRequest(method.toUpperCase(Locale.ROOT), path, rawQuery == null ? "" : rawQuery,
                parseForm(rawQuery), headers, body);
    }

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** Query parameter, matched case-insensitively like Xero does ({@code summarizeErrors} = {@code SummarizeErrors}). */
    String param(String name) {
        return query.get(name);
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    boolean hasBody() {
        return body.length > 0 && !bodyText().isBlank();
    }

    /** Parses {@code a=1&b=x+y} (query strings and form bodies). Later duplicates win. */
    static Map<String, String> parseForm(String encoded) {
        Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (encoded == null || encoded.isEmpty()) return Collections.unmodifiableMap(map);
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                map.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException badEscape) {
                map.put(key, value);
            }
        }
        return Collections.unmodifiableMap(map);
    }
}
