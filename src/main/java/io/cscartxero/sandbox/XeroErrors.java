package io.cscartxero.sandbox;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Error responses with the bodies Xero sends (see Xero's API docs: error responses). */
final class XeroErrors {

    static final String NOT_FOUND_TEXT = "The resource you're looking for cannot be found";
    static final String UNKNOWN_ERROR_MESSAGE =
            "An error occurred in Xero. Check the API Status page http://status.developer.xero.com for current service status.";
    private static final DateTimeFormatter TOKEN_EXPIRY = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss");

    private XeroErrors() {
    }

    /** 401 with Detail AuthenticationUnsuccessful: no, unknown or revoked bearer token. */
    static SandboxResponse unauthorized() {
        return problem(401, "Unauthorized", "AuthenticationUnsuccessful");
    }

    /** 401 for an expired access token: {@code TokenExpired: token expired at 04/09/2023 05:16:59} (UTC). */
    static SandboxResponse tokenExpired(Instant expiredAt) {
        String when = TOKEN_EXPIRY.format(LocalDateTime.ofInstant(expiredAt, ZoneOffset.UTC));
        return problem(401, "Unauthorized", "TokenExpired: token expired at " + when);
    }

    /** 403 for a missing/unknown/disconnected tenant or a missing scope. */
    static SandboxResponse forbidden() {
        return problem(403, "Forbidden", "AuthenticationUnsuccessful");
    }

    /** 404 is plain text in Xero. */
    static SandboxResponse notFound() {
        return SandboxResponse.text(404, NOT_FOUND_TEXT);
    }

    /** Whole-request 500 in the Accounting API's ApiException shape (e.g. a malformed GUID). */
    static SandboxResponse unknownError() {
        return apiException(500, 500, "UnknownErrorException", UNKNOWN_ERROR_MESSAGE);
    }

    /** Injected 500: the problem-details shape observed from the JSON API (XeroAPI/xero-node#466, #510). */
    static SandboxResponse injectedServerError() {
        ObjectNode body = XeroJson.object();
        body.put("Title", "An error occurred");
        body.put("Detail", UNKNOWN_ERROR_MESSAGE);
        body.put("Status", 500);
        body.put("Instance", XeroJson.newId());
        return SandboxResponse.json(500, body);
    }

    /** Injected 503: Xero's documented summary text (body shape unverified; clients must rely on the status). */
    static SandboxResponse serviceUnavailable() {
        return SandboxResponse.text(503,
                "API is currently unavailable - typically due to a scheduled outage - try again soon.");
    }

    /** An injected status other than 500/503/429. */
    static SandboxResponse injected(int status) {
        return switch (status) {
            case 500 -> injectedServerError();
            case 503 -> serviceUnavailable();
            case 401 -> unauthorized();
            case 403 -> forbidden();
            case 404 -> notFound();
            case 502 -> SandboxResponse.text(502, "Bad Gateway");
            case 504 -> SandboxResponse.text(504, "Gateway Timeout");
            default -> problem(status, "Error", "Injected fault");
        };
    }

    static SandboxResponse noData(String entity) {
        return apiException(400, 17, "NoDataProcessedException",
                "No data has been processed for this endpoint. This endpoint is expecting " + entity
                        + " data to be specifed in the request body.");
    }

    static SandboxResponse unknownElement(String element) {
        return postDataInvalid("The element '" + element + "' was not recognised. Ensure the element name has the"
                + " correct case and that there are no duplicate elements of the same name.");
    }

    static SandboxResponse postDataInvalid(String message) {
        return apiException(400, 14, "PostDataInvalidException", message);
    }

    static SandboxResponse queryParse(String message) {
        return apiException(400, 16, "QueryParseException", message);
    }

    /** 400 ValidationException listing the failed elements only. */
    static SandboxResponse validation(List<ObjectNode> failedElements) {
        ObjectNode body = XeroJson.object();
        body.put("ErrorNumber", 10);
        body.put("Type", "ValidationException");
        body.put("Message", "A validation exception occurred");
        ArrayNode elements = body.putArray("Elements");
        failedElements.forEach(elements::add);
        return SandboxResponse.json(400, body);
    }

    /** A whole-request 400 ValidationException without elements (used for Idempotency-Key problems; unverified). */
    static SandboxResponse badRequest(String message) {
        return apiException(400, 10, "ValidationException", message);
    }

    static SandboxResponse apiException(int status, int errorNumber, String type, String message) {
        ObjectNode body = XeroJson.object();
        body.put("ErrorNumber", errorNumber);
        body.put("Type", type);
        body.put("Message", message);
        return SandboxResponse.json(status, body);
    }

    static SandboxResponse problem(int status, String title, String detail) {
        ObjectNode body = XeroJson.object();
        body.putNull("Type");
        body.put("Title", title);
        body.put("Status", status);
        body.put("Detail", detail);
        body.put("Instance", XeroJson.newId());
        body.putObject("Extensions");
        return SandboxResponse.json(status, body);
    }

    /** OAuth errors: {@code {"error":"invalid_grant"}}. */
    static SandboxResponse oauth(String error) {
        ObjectNode body = XeroJson.object();
        body.put("error", error);
        return SandboxResponse.json(400, body);
    }
}
