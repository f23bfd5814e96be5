package io.cscartxero.console;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.cscartxero.xero.XeroCallMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Counts this process's Xero calls per hour into {@code console_xero_calls} (once a minute and at shutdown), for the
 * console's chart of calls against the limit. Calls made by one-shot commands in other processes are not seen.
 */
@Component
@ConditionalOnConsole
public class XeroCallSampler implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(XeroCallSampler.class);

    private final XeroCallMetrics metrics;
    private final ConsoleQueries queries;
    private final ScheduledExecutorService timer;
    private long counted;

    public XeroCallSampler(XeroCallMetrics metrics, ConsoleQueries queries) {
        this.metrics = metrics;
        this.queries = queries;
        this.counted = metrics.calls();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "console-call-sampler");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::sampleQuietly, 60, 60, TimeUnit.SECONDS);
    }

    /** Adds the calls made since the last sample to the current hour; returns how many. */
    public synchronized long sample() {
        long now = metrics.calls();
        long delta = now - counted;
        if (delta > 0) {
            queries.addCalls(Instant.now().truncatedTo(ChronoUnit.HOURS), delta);
            counted = now;
        }
        return Math.max(delta, 0);
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (RuntimeException e) {
            log.warn("Could not record the Xero call count: {}", e.getMessage());
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
        sampleQuietly();
    }
}
