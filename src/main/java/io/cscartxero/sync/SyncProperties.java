package io.cscartxero.sync;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the jobs run: every {@code sync.*} setting, with its default. Bound and validated at start-up, so a bad value
 * stops the application with one line naming the property before any job runs.
 *
 * @param chunkSize      elements per chunk, which is also the number of elements per Xero write call (Xero: up to 50)
 * @param skipLimit      records a step may skip before it fails
 * @param orderStatuses  CS-Cart order statuses that are invoiced (job parameter {@code statuses} overrides it per run)
 * @param voidOnStatus   statuses whose orders' invoices {@code serve} deletes (drafts) or voids (authorised); empty: none
 * @param lockStaleAfter when a crashed run's lease may be taken over (its heartbeat runs every quarter of this)
 * @param reportDir      where dry-run reports ({@code report=}) may be written; blank: {@code reports/} in the data directory
 */
@Validated
@ConfigurationProperties("sync")
public record SyncProperties(
        @DefaultValue("50") @Min(1) @Max(value = 50, message = "must be between 1 and 50 (Xero's batch size)") int chunkSize,
        @DefaultValue("100000") @Min(0) long skipLimit,
        @DefaultValue("P,C") @NotEmpty(message = "must name at least one order status, e.g. P,C")
        List<@Pattern(regexp = STATUS, message = STATUS_MESSAGE) String> orderStatuses,
        @DefaultValue List<@Pattern(regexp = STATUS, message = STATUS_MESSAGE) String> voidOnStatus,
        @DefaultValue("60s") @DurationMin(seconds = 1, message = "must be at least 1s") Duration lockStaleAfter,
        String reportDir) {

    /** A CS-Cart status code: one letter or digit ({@code statuses.status}). */
    static final String STATUS = "[A-Za-z0-9]";
    static final String STATUS_MESSAGE = "must be CS-Cart status codes (one letter each) separated by commas, e.g. P,C";

    public SyncProperties {
        orderStatuses = statuses(orderStatuses);
        voidOnStatus = statuses(voidOnStatus);
    }

    /** "P,C", "P C" and "P, C" alike (as job parameters are read): trimmed, without blanks. */
    private static List<String> statuses(List<String> given) {
        return given == null ? List.of()
                : given.stream().flatMap(s -> s == null ? java.util.stream.Stream.empty() : Arrays.stream(s.split("[,\\s]+")))
                        .map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
