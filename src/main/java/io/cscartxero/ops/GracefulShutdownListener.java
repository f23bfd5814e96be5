package io.cscartxero.ops;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * On SIGTERM, asks the running execution to stop at the end of its current chunk and waits for it, so it ends
 * STOPPED (restartable) instead of being cut off mid-chunk.
 */
public class GracefulShutdownListener implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(GracefulShutdownListener.class);
    private static final Duration MAX_WAIT = Duration.ofSeconds(120);

    private final JobOperator jobOperator;
    private final JobLock jobLock;
    private final ThreadLocal<Thread> hook = new ThreadLocal<>();

    public GracefulShutdownListener(JobOperator jobOperator, JobLock jobLock) {
        this.jobOperator = jobOperator;
        this.jobLock = jobLock;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        Thread thread = new Thread(() -> stopAndWait(execution), "graceful-stop-" + execution.getId());
        try {
            Runtime.getRuntime().addShutdownHook(thread);
            hook.set(thread);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already going down
        }
    }

    @Override
    public void afterJob(JobExecution execution) {
        Thread thread = hook.get();
        hook.remove();
        if (thread != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(thread);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for this execution to end
            }
        }
    }

    private void stopAndWait(JobExecution execution) {
        if (!execution.isRunning()) {
            return;
        }
        log.warn("Shutdown requested: stopping execution {} at the end of its current chunk", execution.getId());
        try {
            jobOperator.stop(execution);
        } catch (Exception e) {
            log.warn("Could not request a stop: {}", e.getMessage());
            return;
        }
        Instant deadline = Instant.now().plus(MAX_WAIT);
        while (execution.isRunning() && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!execution.isRunning()) {
            jobLock.releaseAll();   // stopped and saved: the next start (or restart) may take over at once
        }
    }
}
