package io.cscartxero.xero;

import java.time.Duration;
import java.util.List;

/**
 * Everything the Xero client throws. Unchecked and sealed so that retry and skip policies classify by type.
 * Messages carry Xero's own words and never a token, secret or authorization header.
 */
public abstract sealed class XeroApiException extends RuntimeException {

    protected XeroApiException(String message, Throwable cause) {
        super(message, cause);
    }

    /** 5xx, timeouts and dropped connections: worth retrying with the same Idempotency-Key. */
    public static final class Transient extends XeroApiException {
        public Transient(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Minute (or concurrent) limit 429: wait {@code retryAfter} and try again. */
    public static final class MinuteLimit extends XeroApiException {
        private final Duration retryAfter;

        public MinuteLimit(String problem, Duration retryAfter) {
            super("Xero rate limit reached (" + problem + "), retry after " + retryAfter.toSeconds() + "s", null);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /** The tenant's daily call budget is spent: stop the run, restart it after {@code retryAfter}. */
    public static final class DailyLimit extends XeroApiException {
        private final Duration retryAfter;

        public DailyLimit(Duration retryAfter) {
            super("Xero's daily API limit for this organisation is reached; it resets in about "
                    + formatDuration(retryAfter) + ". Restart the execution after that.", null);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }

        private static String formatDuration(Duration d) {
            return d.toHours() > 0 ? d.toHours() + "h " + d.toMinutesPart() + "m" : d.toMinutes() + "m " + d.toSecondsPart() + "s";
        }
    }

    /** 401/403 or a refused token grant: configuration or consent problem, not retried. */
    public static final class Auth extends XeroApiException {
        public Auth(String message) {
            super(message, null);
        }
    }

    /** 404: the resource is not there. */
    public static final class NotFound extends XeroApiException {
        public NotFound(String message) {
            super(message, null);
        }
    }

    /** A whole-request 400 ValidationException: Xero's per-element messages. */
    public static final class Validation extends XeroApiException {
        private final List<String> messages;

        public Validation(List<String> messages) {
            super("Xero validation failed: " + String.join("; ", messages), null);
            this.messages = List.copyOf(messages);
        }

        public List<String> messages() {
            return messages;
        }
    }

    /** Any other 4xx (NoDataProcessed, PostDataInvalid, idempotency mismatch...): a bug in our request, fatal. */
    public static final class BadRequest extends XeroApiException {
        private final int status;

        public BadRequest(int status, String message) {
            super("Xero rejected the request (HTTP " + status + "): " + message, null);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
