package io.cscartxero.xero.model;

import java.util.List;

/**
 * The outcome of one element of a {@code summarizeErrors=false} batch write, in request order.
 *
 * @param xeroId   the saved record's id, null when rejected
 * @param messages Xero's validation messages when rejected, else empty
 */
public record ElementResult<T>(T element, String xeroId, boolean accepted, List<String> messages) {

    public static <T> ElementResult<T> accepted(T element, String xeroId) {
        return new ElementResult<>(element, xeroId, true, List.of());
    }

    public static <T> ElementResult<T> rejected(T element, List<String> messages) {
        return new ElementResult<>(element, null, false, List.copyOf(messages));
    }

    public String message() {
        return String.join("; ", messages);
    }
}
