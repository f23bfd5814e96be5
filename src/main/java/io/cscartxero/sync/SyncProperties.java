package io.cscartxero.sync;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param chunkSize elements per chunk, which is also the number of elements per Xero write call (Xero: up to 50)
 * @param skipLimit records a step may skip before it fails
 */
@ConfigurationProperties("sync")
public record SyncProperties(@DefaultValue("50") int chunkSize, @DefaultValue("100000") long skipLimit) {
    public SyncProperties {
        if (chunkSize < 1 || chunkSize > 50) {
            throw new IllegalArgumentException("sync.chunk-size must be between 1 and 50 (Xero's batch size) but was " + chunkSize);
        }
    }
}
