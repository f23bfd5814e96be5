package io.cscartxero.ops;

import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.cscartxero.sync.JobOutcomeListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Starts, restarts and stops jobs for the CLI (and later the scheduler): typed parameters, one execution per job
 * at a time (a {@link JobLock} lease), recovery of executions a dead process left in STARTED, and exit codes.
 */
public class JobLaunchService {

    private static final Logger log = LoggerFactory.getLogger(JobLaunchService.class);

    public static final int EXIT_COMPLETED = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_COMPLETED_WITH_SKIPS = 3;

    private final Map<String, Job> jobs;
    private final Map<String, JobSpec> specs;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final JobLock lock;
    private final LaunchRequirements requirements;
    private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "#" + System.nanoTime();
    private final String tenant;
    private final java.util.Set<String> configuredTenants;

    public JobLaunchService(List<Job> jobs, List<JobSpec> specs, JobOperator jobOperator, JobRepository jobRepository, JobLock lock,
            LaunchRequirements requirements) {
        this(jobs, specs, jobOperator, jobRepository, lock, requirements, "", java.util.Set.of());
    }

    /**
     * @param tenant            the tenant of this context ("" without tenants): every launch carries it as the
     *                          identifying parameter {@value #TENANT_PARAMETER}, the job lease is per tenant, and
     *                          restart/stop act on this tenant's executions only
     * @param configuredTenants the tenants configured: when there are some, a context without a tenant launches nothing
     */
    public JobLaunchService(List<Job> jobs, List<JobSpec> specs, JobOperator jobOperator, JobRepository jobRepository, JobLock lock,
            LaunchRequirements requirements, String tenant, java.util.Set<String> configuredTenants) {
        this.tenant = tenant == null ? "" : tenant;
        this.configuredTenants = java.util.Set.copyOf(configuredTenants);
        this.jobs = new TreeMap<>();
        jobs.forEach(j -> this.jobs.put(j.getName(), j));
        this.specs = new TreeMap<>();
        specs.forEach(s -> this.specs.put(s.jobName(), s));
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.lock = lock;
        this.requirements = requirements;
    }

    /** The result of a command: exit code, the execution if one ran, and a line for the operator. */
    public record Outcome(int exitCode, JobExecution execution, String message) {
    }

    public Map<String, JobSpec> specs() {
        return specs;
    }

    /** The identifying job parameter that names the tenant of an execution (absent without tenants). */
    public static final String TENANT_PARAMETER = "tenant";

    public String tenant() {
        return tenant;
    }

    /** The tenant an execution was launched for ("" when none). */
    public static String tenantOf(JobExecution execution) {
        var p = execution.getJobParameters().getParameter(TENANT_PARAMETER);
        return p == null || p.value() == null ? "" : p.value().toString();
    }

    /** Null when this context may launch, else why not (tenants configured, none chosen) or whose execution it is. */
    private String tenantRefusal(JobExecution execution) {
        if (tenant.isEmpty() && !configuredTenants.isEmpty()) {
            return "Tenants are configured (" + String.join(", ", new java.util.TreeSet<>(configuredTenants))
                    + "): choose one with --tenant <name>";
        }
        if (execution != null && !tenantOf(execution).equals(tenant)) {
            return "Execution " + execution.getId() + " belongs to " + (tenantOf(execution).isEmpty() ? "no tenant"
                    : "tenant " + tenantOf(execution)) + ", not " + (tenant.isEmpty() ? "this installation without tenants" : "tenant " + tenant);
        }
        return null;
    }

    private String lockName(String jobName) {
        return tenant.isEmpty() ? jobName : jobName + ":" + tenant;
    }

    public Outcome run(String jobName, Map<String, String> rawParameters) {
        Job job = jobs.get(jobName);
        JobSpec spec = specs.get(jobName);
        if (job == null || spec == null) {
            return new Outcome(EXIT_USAGE, null, "Unknown job '" + jobName + "'. Jobs: " + String.join(", ", jobs.keySet()));
        }
        String refusal = tenantRefusal(null);
        if (refusal != null) {
            return new Outcome(EXIT_USAGE, null, refusal);
        }
        JobParameters parameters;
        try {
            parameters = toJobParameters(spec, rawParameters, tenant);
            // the job's own parameter checks (e.g. the dry-run report's path) before any instance or execution exists
            job.getJobParametersValidator().validate(parameters);
        } catch (IllegalArgumentException | InvalidJobParametersException e) {
            return new Outcome(EXIT_USAGE, null, e.getMessage());
        }
        String missing = requirements.refusal(!"true".equalsIgnoreCase(rawParameters.get("dryRun")));
        if (missing != null) {   // before any execution exists: a run that cannot work leaves no FAILED execution behind
            return new Outcome(EXIT_USAGE, null, missing);
        }
        return underLock(jobName, () -> jobOperator.start(job, parameters));
    }

    public Outcome restart(long executionId) {
        JobExecution execution = jobRepository.getJobExecution(executionId);
        if (execution == null) {
            return new Outcome(EXIT_USAGE, null, "No execution " + executionId);
        }
        String jobName = execution.getJobInstance().getJobName();
        String refusal = tenantRefusal(execution);
        if (refusal != null) {
            return new Outcome(EXIT_USAGE, null, refusal);
        }
        if (!jobs.containsKey(jobName)) {
            return new Outcome(EXIT_USAGE, null, "Execution " + executionId + " belongs to unknown job " + jobName);
        }
        // relaunching the same identifying parameters continues the instance from its last committed chunk
        // (JobOperator.restart would need a JobRegistry; this needs nothing more than the Job bean)
        Job job = jobs.get(jobName);
        var dryRun = execution.getJobParameters().getParameter("dryRun");
        String missing = requirements.refusal(dryRun == null || !Boolean.TRUE.equals(dryRun.value()));
        if (missing != null) {
            return new Outcome(EXIT_USAGE, null, missing);
        }
        return underLock(jobName, () -> {
            JobExecution previous = jobRepository.getJobExecution(executionId);
            // a process stopped by a signal can end before saving its step as STOPPED; we hold the lease, so nothing
            // runs it any more: mark it failed (restartable) instead of refusing the restart as "already running"
            if (previous.getStepExecutions().stream().anyMatch(step -> step.getStatus().isRunning())) {
                jobOperator.recover(previous);
            }
            return jobOperator.start(job, previous.getJobParameters());
        });
    }

    public Outcome stop(long executionId) {
        JobExecution execution = jobRepository.getJobExecution(executionId);
        if (execution == null) {
            return new Outcome(EXIT_USAGE, null, "No execution " + executionId);
        }
        String refusal = tenantRefusal(execution);
        if (refusal != null) {
            return new Outcome(EXIT_USAGE, null, refusal);
        }
        try {
            jobOperator.stop(execution);
            return new Outcome(EXIT_COMPLETED, execution, "Execution " + executionId
                    + " will stop at the end of its current chunk; restart it with: restart " + executionId);
        } catch (Exception e) {
            return new Outcome(EXIT_USAGE, execution, "Execution " + executionId + " is not running (" + execution.getStatus() + ")");
        }
    }

    private interface Launch {
        JobExecution launch() throws Exception;
    }

    private Outcome underLock(String jobName, Launch launch) {
        try (JobLock.Lease lease = lock.tryAcquire(lockName(jobName), owner)) {
            if (lease == null) {
                return new Outcome(EXIT_USAGE, null, jobName + (tenant.isEmpty() ? "" : " of tenant " + tenant)
                        + " is already running (held by " + lock.holder(lockName(jobName))
                        + "). Wait for it to finish, or stop it with: stop <executionId>");
            }
            recoverAbandoned(jobName);
            JobExecution execution = DeadlockRetry.call(launch::launch, 50);
            return outcomeOf(execution);
        } catch (Exception e) {
            log.error("Could not launch {}", jobName, e);
            return new Outcome(EXIT_USAGE, null, "Could not launch " + jobName + ": " + e.getMessage());
        }
    }

    /** We hold the lease, so an execution still marked running was left by a process that died. */
    private void recoverAbandoned(String jobName) {
        for (JobExecution dead : jobRepository.findRunningJobExecutions(jobName)) {
            if (!tenantOf(dead).equals(tenant)) {
                continue;   // another tenant's: its own lease covers it
            }
            jobOperator.recover(dead);
            log.warn("Execution {} of {} was left running by a process that died; marked FAILED. Continue it with: restart {}",
                    dead.getId(), jobName, dead.getId());
        }
    }

    static Outcome outcomeOf(JobExecution execution) {
        BatchStatus status = execution.getStatus();
        String summary = "Execution " + execution.getId() + " of " + execution.getJobInstance().getJobName() + ": "
                + execution.getExitStatus().getExitCode();
        if (status == BatchStatus.COMPLETED) {
            boolean skipped = JobOutcomeListener.COMPLETED_WITH_SKIPS.equals(execution.getExitStatus().getExitCode());
            return new Outcome(skipped ? EXIT_COMPLETED_WITH_SKIPS : EXIT_COMPLETED, execution, summary);
        }
        String reason = execution.getAllFailureExceptions().stream().map(JobLaunchService::rootMessage).distinct()
                .reduce((a, b) -> a + "; " + b).orElse(status.toString());
        boolean configuration = execution.getAllFailureExceptions().stream().anyMatch(JobLaunchService::isConfigurationProblem);
        if (configuration) {
            return new Outcome(EXIT_USAGE, execution, summary + " - " + reason);
        }
        return new Outcome(EXIT_FAILED, execution, summary + " - " + reason + ". Continue it with: restart " + execution.getId());
    }

    private static boolean isConfigurationProblem(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof io.cscartxero.xero.PreflightException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** name=value pairs → typed parameters; each run is a new instance (run.id), so a completed job can run again. */
    static JobParameters toJobParameters(JobSpec spec, Map<String, String> raw) {
        return toJobParameters(spec, raw, "");
    }

    static JobParameters toJobParameters(JobSpec spec, Map<String, String> raw, String tenant) {
        JobParametersBuilder builder = new JobParametersBuilder();
        raw.forEach((name, value) -> {
            Class<?> type = spec.parameters().get(name);
            if (type == null) {
                throw new IllegalArgumentException("Unknown parameter '" + name + "' for " + spec.jobName()
                        + "; accepted: " + String.join(", ", new TreeMap<>(spec.parameters()).keySet()));
            }
            try {
                if (type == LocalDate.class) {
                    builder.addLocalDate(name, LocalDate.parse(value));
                } else if (type == Boolean.class) {
                    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                        throw new IllegalArgumentException("must be true or false");
                    }
                    builder.addJobParameter(name, Boolean.valueOf(value), Boolean.class);
                } else if (type == Long.class) {
                    builder.addLong(name, Long.valueOf(value));
                } else {
                    builder.addString(name, value);
                }
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw new IllegalArgumentException("Parameter " + name + "=" + value + " is not a valid "
                        + type.getSimpleName() + (type == LocalDate.class ? " (yyyy-mm-dd)" : "") + ": " + e.getMessage());
            }
        });
        if (!tenant.isEmpty()) {
            builder.addString(TENANT_PARAMETER, tenant);   // identifying: each tenant has its own instances
        }
        builder.addLong("run.id", System.currentTimeMillis());
        return builder.toJobParameters();
    }
}
