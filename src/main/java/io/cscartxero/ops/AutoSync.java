package io.cscartxero.ops;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cscartxero.cscart.StoreSettingsService;
import io.cscartxero.infra.DataSourcesConfiguration;
import io.cscartxero.sync.SyncProperties;
import io.cscartxero.sync.Watermarks;
import io.cscartxero.xero.XeroProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;

/**
 * The automatic sync behind {@code serve}. Every {@code change.every} it runs the change jobs with
 * {@code changedAfter} = the job's watermark minus an overlap; a watermark is CS-Cart's clock read just before a
 * run, stored only when that run completed, so nothing committed after it can be missed and a failed run is
 * simply looked at again. The nightly run reconciles everything (payload hashes catch what the timestamps miss).
 * After the change jobs, orders moved to a status in {@code sync.void-on-status} get their invoices deleted or
 * voided. One execution per job at a time is guaranteed by the job lease, also across serve instances.
 */
@Component
public class AutoSync {

    private static final Logger log = LoggerFactory.getLogger(AutoSync.class);
    /** Re-read this much before the watermark: clocks and MyISAM writes in flight at the mark. */
    static final long OVERLAP_SECONDS = 60;

    private final JobLaunchService jobs;
    private final Watermarks watermarks;
    private final JdbcTemplate cscart;
    private final JobRepository jobRepository;
    private final ExecutionHistory history;
    private final String tenant;
    private final String voidOnStatus;
    private final StoreSettingsService storeSettings;
    private ThreadPoolTaskScheduler scheduler;
    private final List<java.util.concurrent.ScheduledFuture<?>> planned = new java.util.ArrayList<>();

    public AutoSync(JobLaunchService jobs, Watermarks watermarks,
            @Qualifier(DataSourcesConfiguration.CSCART) NamedParameterJdbcTemplate cscart, JobRepository jobRepository,
            ExecutionHistory history, XeroProperties xero, SyncProperties sync, StoreSettingsService storeSettings) {
        this.jobs = jobs;
        this.watermarks = watermarks;
        this.cscart = cscart.getJdbcTemplate();
        this.jobRepository = jobRepository;
        this.history = history;
        this.tenant = xero.tenantKey();
        this.voidOnStatus = String.join(",", sync.voidOnStatus());
        this.storeSettings = storeSettings;
    }

    /**
     * Starts the schedule; with {@code restartUnfinished}, executions that failed or were stopped are continued now
     * and at every tick — one stopped by Xero's daily limit once the limit has reset.
     */
    public synchronized void start(Schedule schedule, boolean restartUnfinished) {
        this.restartUnfinished = restartUnfinished;
        if (restartUnfinished) {
            restartUnfinished(schedule.changeJobs());
        }
        ZoneId zone = storeSettings.settings().zone();   // the store's: the nightly run is at night where the store is
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);     // ticks never overlap; a job still running at the next tick is skipped by its lease
        scheduler.setThreadNamePrefix("auto-sync-");
        scheduler.setWaitForTasksToCompleteOnShutdown(true);
        scheduler.setAwaitTerminationSeconds(120);
        scheduler.initialize();
        planned.add(scheduler.scheduleWithFixedDelay(() -> changes(schedule.changeJobs()), schedule.changeEvery()));
        planned.add(scheduler.schedule(() -> reconcile(schedule.nightlyJobs()), new CronTrigger(schedule.nightlyCron(), zone)));
        this.active = schedule;
        this.activeZone = zone;
        this.lastChangesEnded = Instant.now();
        log.info("Auto-sync started: changes every {} ({}), nightly '{}' {} ({})", schedule.changeEvery(),
                schedule.changeJobs(), schedule.nightlyCron(), zone, schedule.nightlyJobs());
    }

    public synchronized void stop() {
        if (scheduler != null) {
            planned.forEach(f -> f.cancel(false));   // no further ticks; a tick in progress finishes
            planned.clear();
            active = null;
            scheduler.shutdown();    // waits for the running tick; its job stops at a chunk boundary on SIGTERM
            scheduler = null;
        }
    }

    /** One change-sync tick (also callable directly). */
    public void changes(List<String> jobNames) {
        if (restartUnfinished) {
            restartUnfinished(jobNames);
        }
        for (String job : jobNames) {
            long now = cscartNow();
            Map<String, String> params = new LinkedHashMap<>();
            watermarks.get(tenant, "change:" + job).ifPresent(mark ->
                    params.put("changedAfter", Long.toString(mark.getEpochSecond() - OVERLAP_SECONDS)));
            if (completed(jobs.run(job, params))) {
                watermarks.advance(tenant, "change:" + job, Instant.ofEpochSecond(now));
            }
        }
        if (!voidOnStatus.isBlank() && jobs.specs().containsKey("orderDeleteJob")) {
            completed(jobs.run("orderDeleteJob", Map.of("statuses", voidOnStatus)));
        }
        lastChangesEnded = Instant.now();
    }

    /** The nightly full reconciliation: every record is compared with what Xero has (hash), whatever its timestamps. */
    public void reconcile(List<String> jobNames) {
        for (String job : jobNames) {
            long now = cscartNow();
            if (completed(jobs.run(job, Map.of()))) {
                watermarks.advance(tenant, "change:" + job, Instant.ofEpochSecond(now));
            }
        }
        // then the night's store-vs-Xero report (read-only), over everything the jobs above have just compared
        if (jobs.specs().containsKey("reconcileJob") && !jobNames.contains("reconcileJob")) {
            completed(jobs.run("reconcileJob", Map.of()));
        }
    }

    private boolean completed(JobLaunchService.Outcome outcome) {
        log.info("{}", outcome.message());
        return outcome.exitCode() == JobLaunchService.EXIT_COMPLETED || outcome.exitCode() == JobLaunchService.EXIT_COMPLETED_WITH_SKIPS;
    }

    private long cscartNow() {
        Long now = cscart.queryForObject("SELECT UNIX_TIMESTAMP()", Long.class);
        return now == null ? Instant.now().getEpochSecond() : now;
    }

    /**
     * Executions that stopped (SIGTERM) or failed are continued where they stopped; one that Xero's daily limit
     * stopped is left alone until the time Xero gave for the reset.
     */
    private void restartUnfinished(List<String> jobNames) {
        for (String job : new java.util.LinkedHashSet<>(jobNames)) {
            JobExecution last = lastExecution(job);
            if (last == null || (last.getStatus() != BatchStatus.FAILED && last.getStatus() != BatchStatus.STOPPED)
                    || Instant.now().isBefore(notBefore.getOrDefault(last.getJobInstance().getInstanceId(), Instant.MIN))) {
                continue;
            }
            log.info("Continuing {} execution {} ({})", job, last.getId(), last.getStatus());
            JobLaunchService.Outcome outcome = jobs.restart(last.getId());
            completed(outcome);
            java.util.regex.Matcher reset = DAILY_RESET.matcher(outcome.message());
            if (reset.find()) {
                long seconds = reset.group(1) != null ? Long.parseLong(reset.group(1)) * 3600 + Long.parseLong(reset.group(2)) * 60
                        : Long.parseLong(reset.group(3)) * 60 + Long.parseLong(reset.group(4));
                notBefore.put(last.getJobInstance().getInstanceId(), Instant.now().plusSeconds(seconds));
            }
        }
    }

    /** The last execution of the job for this context's tenant (the last of the job without tenants). */
    private JobExecution lastExecution(String job) {
        if (jobs.tenant().isEmpty()) {
            var instance = jobRepository.getLastJobInstance(job);
            return instance == null ? null : jobRepository.getLastJobExecution(instance);
        }
        Long id = history.lastExecutionId(job);
        return id == null ? null : jobRepository.getJobExecution(id);
    }

    /** "it resets in about 3h 12m" / "in about 4m 10s" — the DailyLimit message. */
    private static final java.util.regex.Pattern DAILY_RESET =
            java.util.regex.Pattern.compile("resets in about (?:(\\d+)h (\\d+)m|(\\d+)m (\\d+)s)");
    private final Map<Long, Instant> notBefore = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean restartUnfinished;
    private volatile Schedule active;
    private volatile ZoneId activeZone;
    private volatile Instant lastChangesEnded;

    /** When a job runs next under the running schedule (the console's dashboard); empty when it is not scheduled. */
    public java.util.Optional<Instant> nextRun(String job, Instant now) {
        Schedule schedule = active;
        if (schedule == null) {
            return java.util.Optional.empty();
        }
        Instant next = null;
        if (schedule.changeJobs().contains(job)) {
            Instant change = lastChangesEnded.plus(schedule.changeEvery());
            next = change.isBefore(now) ? now : change;
        }
        if (schedule.nightlyJobs().contains(job)) {
            java.time.ZonedDateTime nightly = org.springframework.scheduling.support.CronExpression.parse(schedule.nightlyCron())
                    .next(now.atZone(activeZone));
            if (nightly != null && (next == null || nightly.toInstant().isBefore(next))) {
                next = nightly.toInstant();
            }
        }
        return java.util.Optional.ofNullable(next);
    }

}
