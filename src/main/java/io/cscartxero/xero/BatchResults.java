package io.cscartxero.xero;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.cscartxero.xero.model.ElementResult;
import io.cscartxero.xero.model.ValidationError;

/**
 * Pairs the elements of a {@code summarizeErrors=false} batch write with Xero's per-element answers (same order).
 * An answer count that does not match means we cannot tell what was saved: that is an error, never a guess.
 */
final class BatchResults {

    private BatchResults() {
    }

    static <T> List<ElementResult<T>> pair(List<T> sent, List<T> answered, Function<T, String> id,
            Function<T, String> status, Function<T, List<ValidationError>> errors, String entityPlural) {
        if (answered == null || answered.size() != sent.size()) {
            throw new XeroApiException.BadRequest(200, "Xero answered " + (answered == null ? 0 : answered.size()) + " "
                    + entityPlural + " for " + sent.size() + " sent; the batch outcome is unknown");
        }
        List<ElementResult<T>> results = new ArrayList<>(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            T answer = answered.get(i);
            List<ValidationError> validation = errors.apply(answer);
            boolean rejected = "ERROR".equals(status.apply(answer)) || (validation != null && !validation.isEmpty()
                    && !"OK".equals(status.apply(answer)) && !"WARNING".equals(status.apply(answer)));
            if (rejected || id.apply(answer) == null) {
                List<String> messages = validation == null ? List.of()
                        : validation.stream().map(ValidationError::message).toList();
                results.add(ElementResult.rejected(sent.get(i), messages.isEmpty()
                        ? List.of("Xero rejected the " + entityPlural.replaceAll("s$", "") + " without a message") : messages));
            } else {
                results.add(ElementResult.accepted(sent.get(i), id.apply(answer)));
            }
        }
        return results;
    }
}
