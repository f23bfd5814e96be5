package io.cscartxero.xero;

/**
 * The Xero organisation is not set up for this job (an account code missing or archived, a tax type unknown,
 * a currency not enabled...). Raised before the first chunk so the operator gets one clear message instead of
 * a thousand identical element errors; the CLI exits with 2 (configuration error).
 */
public class PreflightException extends RuntimeException {
    public PreflightException(String message) {
        super(message);
    }
}
