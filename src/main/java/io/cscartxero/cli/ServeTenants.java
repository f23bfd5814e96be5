package io.cscartxero.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.cscartxero.ops.AutoSync;
import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.ops.LaunchRequirements;
import io.cscartxero.ops.Schedule;
import io.cscartxero.ops.Schedules;
import io.cscartxero.tenant.Tenants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code serve} with tenants: the application context {@code serve} started (connector and CS-Cart DataSources,
 * Flyway, web server, Actuator, console) is the parent of one context per tenant ({@code connector.tenant=<name>},
 * no web server) with its own Xero token, rate limiter, daily budget, job leases, jobs and {@link AutoSync} schedule;
 * the tenants' contexts use the parent's DataSources. A tenant that cannot start (its configuration, its
 * requirements, the store unreachable) is logged with the reason and tried again every {@code retryEvery}; the
 * others run. {@code /actuator/health} has a {@code tenants} component with each tenant's state. SIGTERM stops every
 * tenant's schedule (each running job at a chunk boundary), then closes the tenants' contexts.
 */
final class ServeTenants {

    private static final Logger log = LoggerFactory.getLogger(ServeTenants.class);

    /** One tenant: its context while it runs, else why it does not. */
    static final class Tenant {
        final String name;
        volatile ConfigurableApplicationContext context;
        volatile String problem = "not started";

        Tenant(String name) {
            this.name = name;
        }

        boolean running() {
            return context != null;
        }
    }

    private final Class<?> application;
    private final List<String> springArgs;
    private final ConfigurableApplicationContext parent;
    private final Schedules schedules;
    private final boolean restartUnfinished;
    private final Duration retryEvery;
    private final Map<String, Tenant> tenants = new LinkedHashMap<>();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tenant-retry");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean stopping;

    ServeTenants(Class<?> application, List<String> springArgs, ConfigurableApplicationContext parent, Schedule schedule,
            boolean restartUnfinished, Collection<String> selected, Duration retryEvery) {
        this(application, springArgs, parent, Schedules.of(schedule), restartUnfinished, selected, retryEvery);
    }

    /** Each tenant runs on its own schedule ({@code tenants.<name>.*} in the schedule file over the un-prefixed keys). */
    ServeTenants(Class<?> application, List<String> springArgs, ConfigurableApplicationContext parent, Schedules schedules,
            boolean restartUnfinished, Collection<String> selected, Duration retryEvery) {
        this.application = application;
        this.springArgs = List.copyOf(springArgs);
        this.parent = parent;
        this.schedules = schedules;
        this.restartUnfinished = restartUnfinished;
        this.retryEvery = retryEvery;
        selected.forEach(name -> tenants.put(name, new Tenant(name)));
    }

    Map<String, Tenant> tenants() {
        return tenants;
    }

    /** Starts every tenant; false when none could start (nothing to serve). */
    boolean start(PrintStream out) {
        replaceHealth();
        for (Tenant tenant : tenants.values()) {
            start(tenant);
            Schedule schedule = schedules.of(tenant.name);
            out.println("Tenant " + tenant.name + ": " + (tenant.running() ? "serving" : "not started: " + tenant.problem)
                    + (schedules.tenants().containsKey(tenant.name) ? " (its schedule: changes every " + schedule.changeEvery() + " "
                    + schedule.changeJobs() + ", nightly at '" + schedule.nightlyCron() + "' " + schedule.nightlyJobs() + ")" : ""));
        }
        if (tenants.values().stream().noneMatch(Tenant::running)) {
            return false;
        }
        long period = Math.max(1000, retryEvery.toMillis());
        retries.scheduleWithFixedDelay(this::retryFailed, period, period, TimeUnit.MILLISECONDS);
        return true;
    }

    void retryFailed() {
        for (Tenant tenant : tenants.values()) {
            if (!stopping && !tenant.running()) {
                start(tenant);
            }
        }
    }

    private synchronized void start(Tenant tenant) {
        if (stopping || tenant.running()) {
            return;
        }
        List<String> args = new ArrayList<>(springArgs);
        args.add("--" + Tenants.PROPERTY + "=" + tenant.name);
        ConfigurableApplicationContext child = null;
        try {
            child = new SpringApplicationBuilder(application)
                    .parent(parent)
                    .web(WebApplicationType.NONE)
                    .bannerMode(Banner.Mode.OFF)
                    .logStartupInfo(false)
                    .registerShutdownHook(false)
                    .properties(Map.of("spring.autoconfigure.exclude", Cli.WEB_ONLY))
                    // Spring Batch's configuration is the parent's (its JobRepository and JobOperator serve every
                    // tenant), so its auto-configuration backs off here: the step and job scopes are per bean factory
                    .initializers(context -> {
                        var step = new org.springframework.batch.core.scope.StepScope();
                        step.setAutoProxy(false);   // as Spring Batch registers them: the beans declare their proxies
                        var job = new org.springframework.batch.core.scope.JobScope();
                        job.setAutoProxy(false);
                        context.addBeanFactoryPostProcessor(step);
                        context.addBeanFactoryPostProcessor(job);
                    })
                    .run(args.toArray(String[]::new));
            String missing = child.getBean(LaunchRequirements.class).refusal(true);
            if (missing != null) {
                throw new IllegalStateException(missing);
            }
            child.getBean(AutoSync.class).start(schedules.of(tenant.name), restartUnfinished);
            tenant.context = child;
            tenant.problem = null;
            log.info("Tenant {}: serving", tenant.name);
        } catch (RuntimeException e) {
            tenant.problem = ConfigurationErrors.describe(e, args);
            log.warn("Tenant {} could not start, trying again in {}: {}", tenant.name, retryEvery, tenant.problem);
            if (child != null) {
                try {
                    child.close();
                } catch (RuntimeException closing) {
                    log.debug("Closing tenant {}: {}", tenant.name, closing.getMessage());
                }
            }
        }
    }

    /** Stops every tenant's schedule (a running job stops at a chunk boundary), then closes their contexts. */
    void stop() {
        stopping = true;
        retries.shutdownNow();
        List<Thread> stops = new ArrayList<>();
        for (Tenant tenant : tenants.values()) {
            ConfigurableApplicationContext child = tenant.context;
            if (child != null) {
                Thread t = new Thread(() -> child.getBean(AutoSync.class).stop(), "stop-tenant-" + tenant.name);
                t.start();
                stops.add(t);
            }
        }
        for (Thread t : stops) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Tenant tenant : tenants.values()) {
            ConfigurableApplicationContext child = tenant.context;
            tenant.context = null;
            tenant.problem = "stopped";
            if (child != null) {
                child.close();
            }
        }
    }

    /** Serves until SIGTERM (or {@code stopped} counts down). */
    int serve(PrintStream out, CountDownLatch stopped) {
        if (!start(out)) {
            out.println("No tenant could start.");
            stop();
            return JobLaunchService.EXIT_USAGE;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop();
            stopped.countDown();
        }, "serve-shutdown"));
        Schedule schedule = schedules.defaults();
        out.println("Serving " + tenants.size() + " tenants: changes every " + schedule.changeEvery() + ", nightly at '"
                + schedule.nightlyCron() + "'" + (schedules.tenants().isEmpty() ? "" : " unless a tenant's schedule says otherwise")
                + ". Stop with SIGTERM.");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop();
        return JobLaunchService.EXIT_COMPLETED;
    }

    /**
     * In the parent, the Xero connection and last runs are each tenant's: the parent's own indicators (no tenant, no
     * organisation) give way to one {@code tenants} component. It is DOWN only when no tenant runs, so that one
     * organisation's revoked token does not get the whole process restarted by an orchestrator.
     */
    private void replaceHealth() {
        HealthContributorRegistry registry = parent.getBeanProvider(HealthContributorRegistry.class).getIfAvailable();
        if (registry == null) {
            return;
        }
        registry.unregisterContributor("xeroToken");
        registry.unregisterContributor("lastRun");
        registry.registerContributor("tenants", (HealthIndicator) this::health);
    }

    Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean anyRunning = false;
        for (Tenant tenant : tenants.values()) {
            ConfigurableApplicationContext child = tenant.context;
            if (child == null) {
                details.put(tenant.name, Map.of("status", "DOWN", "problem", String.valueOf(tenant.problem)));
                continue;
            }
            anyRunning = true;
            // the tenant context's own indicators (ConnectorHealth): its Xero connection and each job's last run
            Map<String, Object> state = new LinkedHashMap<>();
            try {
                Health token = child.getBean("xeroTokenHealthIndicator", HealthIndicator.class).health();
                Health lastRun = child.getBean("lastRunHealthIndicator", HealthIndicator.class).health();
                boolean up = Status.UP.equals(token.getStatus()) && Status.UP.equals(lastRun.getStatus());
                state.put("status", up ? "UP" : "DOWN");
                state.put("connection", token.getDetails().get("connection"));
                state.put("lastRuns", lastRun.getDetails());
            } catch (RuntimeException e) {
                state.put("status", "UNKNOWN");
                state.put("problem", e.getClass().getSimpleName());
            }
            details.put(tenant.name, state);
        }
        return (anyRunning ? Health.up() : Health.down()).withDetails(details).build();
    }
}
