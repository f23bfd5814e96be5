package io.cscartxero.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.cscartxero.testsupport.ManualTime;
import io.cscartxero.testsupport.TestDatabase;
import io.cscartxero.testsupport.TestDatabases;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The job lease on the connector schema (MariaDB, as shared by processes in production) and a clock the test moves:
 * when a lease is live, when it is stale and taken over, and that the heartbeat keeps a holder's lease live — asserted
 * on the lease's own time, not on how long the machine takes.
 */
class JobLockTest {

    private static final Duration STALE_AFTER = Duration.ofHours(1);   // no real heartbeat fires during a test

    private static TestDatabase database;
    private JdbcTemplate jdbc;
    private DataSourceTransactionManager tx;
    private ManualTime time;

    @BeforeAll
    static void schema() {
        database = TestDatabases.create("joblock");
        Flyway.configure().dataSource(database.dataSource()).locations("classpath:db/connector").load().migrate();
    }

    @AfterAll
    static void drop() {
        database.drop();
    }

    @BeforeEach
    void fresh() {
        DataSource ds = database.dataSource();
        jdbc = new JdbcTemplate(ds);
        tx = new DataSourceTransactionManager(ds);
        jdbc.update("DELETE FROM job_lock");
        time = ManualTime.manual();
    }

    /** One process (its own JobLock, as each JVM has) on the shared time. */
    private JobLock process(Duration staleAfter) {
        return new JobLock(jdbc, tx, staleAfter, time.clock());
    }

    @Test
    void aLiveLeaseIsRefusedUntilItsHeartbeatIsOlderThanStaleAfterThenTakenOverOnce() {
        JobLock crashed = process(STALE_AFTER);
        JobLock restarted = process(STALE_AFTER);
        JobLock third = process(STALE_AFTER);
        assertThat(crashed.tryAcquire("customerExportJob", "host-a:1")).isNotNull();   // never closed: its holder died

        assertThat(restarted.tryAcquire("customerExportJob", "host-b:2")).as("live lease").isNull();
        time.advance(STALE_AFTER);
        assertThat(restarted.tryAcquire("customerExportJob", "host-b:2")).as("exactly staleAfter old: still live").isNull();
        time.advance(Duration.ofMillis(1));
        JobLock.Lease taken = restarted.tryAcquire("customerExportJob", "host-b:2");
        assertThat(taken).as("stale: taken over").isNotNull();
        assertThat(restarted.holder("customerExportJob")).isEqualTo("host-b:2");
        assertThat(third.tryAcquire("customerExportJob", "host-c:3")).as("the new holder's lease is live").isNull();
        assertThat(restarted.tryAcquire("productExportJob", "host-b:2")).as("one lease per job").isNotNull();

        taken.close();
        assertThat(restarted.holder("customerExportJob")).isNull();
        assertThat(third.tryAcquire("customerExportJob", "host-c:3")).as("a closed lease is free at once").isNotNull();
    }

    @Test
    void releaseAllFreesTheLeasesOfAStoppedProcessAtOnce() {
        JobLock stopping = process(STALE_AFTER);
        stopping.tryAcquire("customerExportJob", "host-a:1");
        stopping.tryAcquire("orderExportJob", "host-a:1");
        stopping.releaseAll();
        JobLock restarted = process(STALE_AFTER);
        assertThat(restarted.tryAcquire("customerExportJob", "host-b:2")).isNotNull();
        assertThat(restarted.tryAcquire("orderExportJob", "host-b:2")).isNotNull();
    }

    @Test
    void theHeartbeatKeepsALiveHoldersLeaseFromGoingStale() throws Exception {
        Duration staleAfter = Duration.ofMillis(400);   // a heartbeat every 100 ms (real time)
        JobLock holder = process(staleAfter);
        try (JobLock.Lease lease = holder.tryAcquire("customerExportJob", "host-a:1")) {
            assertThat(lease).isNotNull();
            // a day passes on the lease's clock; the holder is alive, so its next heartbeat stamps the new time
            time.advance(Duration.ofDays(1));
            Instant now = time.clock().instant();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (heartbeat("customerExportJob").isBefore(now) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(heartbeat("customerExportJob")).as("renewed on the current time").isEqualTo(now);
            assertThat(process(staleAfter).tryAcquire("customerExportJob", "host-b:2")).as("the holder is alive").isNull();
        }
        assertThat(holder.holder("customerExportJob")).isNull();
    }

    private Instant heartbeat(String name) {
        return jdbc.queryForObject("SELECT heartbeat_at FROM job_lock WHERE lock_name = ?", Timestamp.class, name).toInstant();
    }
}
