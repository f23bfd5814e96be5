package io.cscartxero.sandbox;

/** Aborts request handling with a ready response (a whole-request error such as NoDataProcessedException). */
final class XeroApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient SandboxResponse response;

    XeroApiException(SandboxResponse response) {
        super("HTTP " + response.status() + ": " + response.bodyText(), null, false, false);
        this.response = response;
    }

    SandboxResponse response() {
        return response;
    }
}
