package io.cscartxero.testsupport;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.springframework.jdbc.core.JdbcTemplate;

/** The job leases ({@code job_lock}) of a connector database, as a test waiting for a dead process's lease sees them. */
public final class Leases {

    private Leases() {
    }

    /**
     * Waits until no lease has a heartbeat within {@code staleAfter} of now: the condition {@code JobLock} takes a
     * lease over on, read the same way. A process started afterwards reads a later "now", so it finds them stale too -
     * unlike a fixed sleep, this holds however slowly the killed process's last heartbeat or the database answered.
     */
    public static void awaitAllStale(JdbcTemplate connector, Duration staleAfter) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (live(connector, staleAfter) > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("a lease is still live after 120 s: " + connector.queryForList("SELECT * FROM job_lock"));
            }
            Thread.sleep(50);
        }
    }

    private static long live(JdbcTemplate connector, Duration staleAfter) {
        Timestamp staleBefore = Timestamp.from(Instant.now().minus(staleAfter));
        return connector.queryForObject("SELECT COUNT(*) FROM job_lock WHERE heartbeat_at >= ?", Long.class, staleBefore);
    }
}
