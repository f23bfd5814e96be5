package io.cscartxero.ops;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One running execution per job and store, also across processes that share the connector database: a lease row
 * per job, renewed by a heartbeat and taken over only when its heartbeat is older than {@code staleAfter}
 * (its holder crashed or was killed).
 */
public class JobLock {

    private static final Logger log = LoggerFactory.getLogger(JobLock.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Duration staleAfter;
    private final Clock clock;
    private final java.util.Set<String[]> held = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "job-lock-heartbeat");
        t.setDaemon(true);
        return t;
    });

    public JobLock(JdbcTemplate jdbc, PlatformTransactionManager txManager, Duration staleAfter) {
        this(jdbc, txManager, staleAfter, Clock.systemUTC());
    }

    /** With the clock heartbeats are stamped and judged by (a test's clock decides when a lease goes stale). */
    public JobLock(JdbcTemplate jdbc, PlatformTransactionManager txManager, Duration staleAfter, Clock clock) {
        this.jdbc = jdbc;
        this.staleAfter = staleAfter;
        this.clock = clock;
        this.tx = new TransactionTemplate(txManager);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The held lease; closing it stops the heartbeat and frees the job. */
    public interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    /** The lease, or null when a live holder has it. */
    public Lease tryAcquire(String name, String owner) {
        try {
            return DeadlockRetry.call(() -> acquire(name, owner), 20);
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while taking the lease " + name, e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Lease acquire(String name, String owner) {
        Boolean acquired = tx.execute(s -> {
            Instant instant = clock.instant();
            Timestamp now = Timestamp.from(instant);
            Timestamp staleBefore = Timestamp.from(instant.minus(staleAfter));
            // a single conditional UPDATE is atomic on every database: only one contender can take a stale lease
            int taken = jdbc.update("UPDATE job_lock SET owner = ?, heartbeat_at = ? WHERE lock_name = ? AND heartbeat_at < ?",
                    owner, now, name, staleBefore);
            if (taken == 1) {
                return true;
            }
            try {
                jdbc.update("INSERT INTO job_lock (lock_name, owner, heartbeat_at) VALUES (?, ?, ?)", name, owner, now);
                return true;
            } catch (DuplicateKeyException heldByOther) {
                return false;
            }
        });
        if (!Boolean.TRUE.equals(acquired)) {
            return null;
        }
        long period = Math.max(1, staleAfter.toMillis() / 4);
        var beat = heartbeat.scheduleAtFixedRate(() -> renew(name, owner), period, period, TimeUnit.MILLISECONDS);
        String[] lease = { name, owner };
        held.add(lease);
        return () -> {
            beat.cancel(false);
            held.remove(lease);
            release(name, owner);
        };
    }

    /**
     * Frees every lease this process holds. Called on shutdown once the running executions have stopped: the JVM may
     * halt before the launching thread gets to close its lease, and a restart must not wait for it to go stale.
     */
    public void releaseAll() {
        for (String[] lease : held) {
            release(lease[0], lease[1]);
        }
    }

    private void release(String name, String owner) {
        tx.executeWithoutResult(s -> jdbc.update("DELETE FROM job_lock WHERE lock_name = ? AND owner = ?", name, owner));
    }

    public String holder(String name) {
        return jdbc.query("SELECT owner FROM job_lock WHERE lock_name = ?", rs -> rs.next() ? rs.getString(1) : null, name);
    }

    private void renew(String name, String owner) {
        try {
            tx.executeWithoutResult(s -> jdbc.update("UPDATE job_lock SET heartbeat_at = ? WHERE lock_name = ? AND owner = ?",
                    Timestamp.from(clock.instant()), name, owner));
        } catch (RuntimeException e) {
            log.warn("Could not renew the lock of {}: {}", name, e.getMessage());
        }
    }
}
