package io.cscartxero.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cscartxero.ops.ExecutionHistory;
import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.sandbox.SandboxMain;
import io.cscartxero.sandbox.SandboxSettings;
import io.cscartxero.sync.ErrorLog;
import io.cscartxero.tenant.Tenants;
import io.cscartxero.xero.XeroCallMetrics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystemProperty;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The operator CLI: {@code java -jar cscart-xero.jar <command>}. Arguments of the form {@code --some.property=value}
 * are Spring configuration (as are environment variables); the rest is parsed by picocli. Usage errors are
 * reported before anything starts. Exit codes: 0 completed, 3 completed with skipped records, 1 failed or
 * stopped (restartable), 2 usage or configuration error.
 */
@Command(name = "cscart-xero", mixinStandardHelpOptions = true, version = "cscart-xero 0.1",
        description = "Keeps a CS-Cart store and a Xero organisation in step.",
        subcommands = { Cli.Run.class, Cli.Restart.class, Cli.Stop.class, Cli.Executions.class, Cli.Errors.class,
                Cli.Serve.class, Cli.Sandbox.class, Cli.Demo.class,
                ConnectionCommands.Connect.class, ConnectionCommands.Disconnect.class, ConnectionCommands.Status.class,
                ConnectionCommands.Keygen.class,
                MaintenanceCommands.Purge.class, CheckCommand.class, TaxesCommand.class, ReconcileCommand.class })
public final class Cli {

    /**
     * Auto-configurations only {@code serve} uses (web server, MVC, Actuator endpoints, health): a one-shot command runs
     * without a web server, and skipping them instead of evaluating their conditions shortens its start (issue 11).
     * A default property, so an operator's own {@code spring.autoconfigure.exclude} replaces it.
     */
    static final String WEB_ONLY = java.util.Arrays.stream(("webmvc.autoconfigure.DispatcherServletAutoConfiguration,"
            + "webmvc.autoconfigure.WebMvcAutoConfiguration,"
            + "webmvc.autoconfigure.WebMvcObservationAutoConfiguration,"
            + "webmvc.autoconfigure.actuate.endpoint.web.WebMvcHealthEndpointExtensionAutoConfiguration,"
            + "webmvc.autoconfigure.actuate.web.mappings.WebMvcMappingsAutoConfiguration,"
            + "webmvc.autoconfigure.error.ErrorMvcAutoConfiguration,"
            + "tomcat.autoconfigure.actuate.web.server.TomcatReactiveManagementContextAutoConfiguration,"
            + "tomcat.autoconfigure.actuate.web.server.TomcatServletManagementContextAutoConfiguration,"
            + "tomcat.autoconfigure.metrics.TomcatMetricsAutoConfiguration,"
            + "tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration,"
            + "tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration,"
            + "servlet.autoconfigure.HttpEncodingAutoConfiguration,"
            + "servlet.autoconfigure.MultipartAutoConfiguration,"
            + "servlet.autoconfigure.actuate.web.ServletManagementContextAutoConfiguration,"
            + "servlet.autoconfigure.actuate.web.exchanges.ServletHttpExchangesAutoConfiguration,"
            + "servlet.autoconfigure.actuate.web.mappings.ServletMappingsAutoConfiguration,"
            + "actuate.autoconfigure.audit.AuditAutoConfiguration,"
            + "actuate.autoconfigure.audit.AuditEventsEndpointAutoConfiguration,"
            + "actuate.autoconfigure.beans.BeansEndpointAutoConfiguration,"
            + "actuate.autoconfigure.condition.ConditionsReportEndpointAutoConfiguration,"
            + "actuate.autoconfigure.context.ShutdownEndpointAutoConfiguration,"
            + "actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration,"
            + "actuate.autoconfigure.endpoint.EndpointAutoConfiguration,"
            + "actuate.autoconfigure.endpoint.jackson.Jackson2EndpointAutoConfiguration,"
            + "actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration,"
            + "actuate.autoconfigure.endpoint.jmx.JmxEndpointAutoConfiguration,"
            + "actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration,"
            + "actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration,"
            + "actuate.autoconfigure.info.InfoContributorAutoConfiguration,"
            + "actuate.autoconfigure.info.InfoEndpointAutoConfiguration,"
            + "actuate.autoconfigure.logging.LogFileWebEndpointAutoConfiguration,"
            + "actuate.autoconfigure.logging.LoggersEndpointAutoConfiguration,"
            + "actuate.autoconfigure.management.HeapDumpWebEndpointAutoConfiguration,"
            + "actuate.autoconfigure.management.ThreadDumpEndpointAutoConfiguration,"
            + "actuate.autoconfigure.sbom.SbomEndpointAutoConfiguration,"
            + "actuate.autoconfigure.scheduling.ScheduledTasksEndpointAutoConfiguration,"
            + "actuate.autoconfigure.startup.StartupEndpointAutoConfiguration,"
            + "actuate.autoconfigure.web.exchanges.HttpExchangesEndpointAutoConfiguration,"
            + "actuate.autoconfigure.web.mappings.MappingsEndpointAutoConfiguration,"
            + "actuate.autoconfigure.web.server.ManagementContextAutoConfiguration,"
            + "health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration,"
            + "health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration,"
            + "health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration,"
            + "health.autoconfigure.application.DiskSpaceHealthContributorAutoConfiguration,"
            + "health.autoconfigure.application.SslHealthContributorAutoConfiguration,"
            + "health.autoconfigure.contributor.HealthContributorAutoConfiguration,"
            + "health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration").split(","))
            .map(name -> "org.springframework.boot." + name).collect(java.util.stream.Collectors.joining(","));

    /** A command that needs the application (databases, Xero client, jobs). */
    interface AppCommand {
        int call(ConfigurableApplicationContext app, PrintStream out);
    }

    /**
     * A command that only reads or tidies the connector database: it runs in {@link ConnectorDatabaseContext}, which
     * starts in a fraction of the full application's time, when that database's schema is current.
     */
    interface ConnectorDatabaseCommand extends AppCommand {
    }

    /**
     * @param application the Spring Boot application class (its annotations configure the context); passed in by
     *                    {@code CsCartXeroApplication.main} so that this package does not know the root package
     */
    public static int run(Class<?> application, String... args) {
        return run(application, args, System.out);
    }

    public static int run(Class<?> application, String[] args, PrintStream out) {
        List<String> springArgs = new ArrayList<>();
        List<String> cliArgs = new ArrayList<>();
        for (String arg : args) {
            (arg.startsWith("--") && arg.contains("=") && arg.substring(2, arg.indexOf('=')).contains(".") ? springArgs : cliArgs).add(arg);
        }
        CommandLine commandLine = new CommandLine(new Cli());
        addTenantOption(commandLine);
        CommandLine.ParseResult parsed;
        try {
            parsed = commandLine.parseArgs(cliArgs.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            out.println(e.getMessage());
            e.getCommandLine().usage(out);
            return JobLaunchService.EXIT_USAGE;
        }
        if (CommandLine.printHelpIfRequested(parsed)) {
            return JobLaunchService.EXIT_COMPLETED;
        }
        if (!parsed.hasSubcommand()) {
            commandLine.usage(out);
            return JobLaunchService.EXIT_USAGE;
        }
        Object command = parsed.subcommand().commandSpec().userObject();
        if (command instanceof Sandbox sandbox) {
            return sandbox.serve(out);
        }
        String tenant = command instanceof ConnectionCommands.Connect connect ? connect.tenant
                : parsed.subcommand().matchedOptionValue("--tenant", (String) null);
        if (tenant != null && !(command instanceof ConnectionCommands.Connect)) {
            List<String> names = command instanceof Serve ? List.of(tenant.split(",", -1)) : List.of(tenant);
            for (String name : names) {
                String invalid = Tenants.invalidName(name.strip());
                if (invalid != null) {
                    out.println(invalid);
                    return JobLaunchService.EXIT_USAGE;
                }
            }
        }
        if (command instanceof Serve serve) {
            serve.application = application;
            serve.springArgs = springArgs;
            serve.tenants = tenant == null ? List.of() : java.util.Arrays.stream(tenant.split(",")).map(String::strip).distinct().toList();
        } else if (command instanceof ConnectionCommands.Connect && tenant != null) {
            springArgs.add("--" + Tenants.IF_CONFIGURED_PROPERTY + "=" + tenant);
        } else if (tenant != null) {
            springArgs.add("--" + Tenants.PROPERTY + "=" + tenant.strip());
        }
        if (tenant == null && ONE_ORGANISATION.contains(command.getClass())) {
            springArgs.add("--" + Tenants.REQUIRED_PROPERTY + "=true");
        }
        springArgs.add("--spring.batch.job.enabled=false");
        if (!(command instanceof Serve)) {
            // Boot warms Jackson, Tomcat and the message converters on a second thread, for a web server that a
            // one-shot command never starts: on a 2-core machine that thread only takes CPU from the command
            System.setProperty("spring.backgroundpreinitializer.ignore", "true");
        }
        if (command instanceof CheckCommand) {
            springArgs.add("--logging.level.io.cscartxero=WARN");   // its output is the ✓/✗ lines
        }
        if (command instanceof Errors errors && errors.csv) {
            springArgs.add("--logging.threshold.console=OFF");   // stdout is the CSV: no log line may land in it
        }
        ConfigurableApplicationContext app;
        try {
            app = command instanceof ConnectorDatabaseCommand ? startConnectorDatabaseContext(springArgs)
                    : command instanceof ConnectionCommands.Keygen ? ConnectionCommands.Keygen.context(springArgs) : null;
            if (app == null) {
                app = new SpringApplicationBuilder(application)
                        // serve answers /actuator/health and /actuator/prometheus; one-shot commands open no port
                        .web(command instanceof Serve ? WebApplicationType.SERVLET : WebApplicationType.NONE)
                        .bannerMode(Banner.Mode.OFF)
                        .logStartupInfo(false)
                        .registerShutdownHook(false) // a SIGTERM must first let the running chunk finish
                        .properties(command instanceof Serve ? Map.of() : Map.of("spring.autoconfigure.exclude", WEB_ONLY))
                        .run(springArgs.toArray(String[]::new));
            }
        } catch (RuntimeException e) {
            Tenants.TenantException tenantProblem = tenantProblem(e);
            out.println(tenantProblem != null ? tenantProblem.getMessage() : "Configuration error: " + ConfigurationErrors.describe(e, springArgs));
            return JobLaunchService.EXIT_USAGE;
        }
        if (command instanceof ConnectionCommands.Status && tenant == null) {
            java.util.SortedSet<String> configured = Tenants.configured(app.getEnvironment());
            if (!configured.isEmpty()) {   // every tenant's status, one after the other
                app.close();
                int code = JobLaunchService.EXIT_COMPLETED;
                for (String name : configured) {
                    out.println("== Tenant " + name + " ==");
                    List<String> args1 = new ArrayList<>(springArgs);
                    args1.add("--" + Tenants.PROPERTY + "=" + name);
                    code = Math.max(code, run(application, command, args1, out));
                    out.println();
                }
                return code;
            }
        }
        try {
            return ((AppCommand) command).call(app, out);
        } finally {
            app.close();
            if (command instanceof Errors errors && errors.csv) {
                // Boot keeps the threshold as a JVM-wide system property: later contexts in this JVM (tests, demo) log again
                System.clearProperty(LoggingSystemProperty.CONSOLE_THRESHOLD.getEnvironmentVariableName());
            }
        }
    }

    /** The commands that act on one organisation: with tenants configured they need --tenant. */
    static final java.util.Set<Class<?>> ONE_ORGANISATION = java.util.Set.of(Run.class, Restart.class, Stop.class, Demo.class,
            ConnectionCommands.Connect.class, ConnectionCommands.Disconnect.class, CheckCommand.class, TaxesCommand.class,
            ReconcileCommand.class);

    private static void addTenantOption(CommandLine commandLine) {
        commandLine.getSubcommands().forEach((name, sub) -> {
            if (!"sandbox".equals(name) && !"connect".equals(name)) {   // connect declares its own --tenant
                sub.getCommandSpec().addOption(CommandLine.Model.OptionSpec.builder("--tenant").paramLabel("<name>")
                        .type(String.class)
                        .description("serve".equals(name) ? "only these tenants (comma-separated; default: all configured)"
                                : "the tenant (tenants.<name>.*) to act on; required for commands on one organisation when tenants are configured")
                        .build());
            }
        });
    }

    private static Tenants.TenantException tenantProblem(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof Tenants.TenantException t) {
                return t;
            }
        }
        return null;
    }

    /** Runs {@code command} in a context of its own (status of each tenant). */
    private static int run(Class<?> application, Object command, List<String> springArgs, PrintStream out) {
        ConfigurableApplicationContext app;
        try {
            app = command instanceof ConnectorDatabaseCommand ? startConnectorDatabaseContext(springArgs) : null;
            if (app == null) {
                app = new SpringApplicationBuilder(application).web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF)
                        .logStartupInfo(false).registerShutdownHook(false)
                        .properties(Map.of("spring.autoconfigure.exclude", WEB_ONLY)).run(springArgs.toArray(String[]::new));
            }
        } catch (RuntimeException e) {
            out.println("Configuration error: " + ConfigurationErrors.describe(e, springArgs));
            return JobLaunchService.EXIT_USAGE;
        }
        try {
            return ((AppCommand) command).call(app, out);
        } finally {
            app.close();
        }
    }

    /**
     * The small context of the commands that only read the connector database, or null when that database is not
     * current yet (new, or older than this version): then the full application creates or migrates it first.
     */
    private static ConfigurableApplicationContext startConnectorDatabaseContext(List<String> springArgs) {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(ConnectorDatabaseContext.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .registerShutdownHook(false)
                .run(springArgs.toArray(String[]::new));
        if (ConnectorDatabaseContext.schemaCurrent(app.getBean(javax.sql.DataSource.class), app.getEnvironment())) {
            return app;
        }
        app.close();
        return null;
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    static int report(JobLaunchService.Outcome outcome, ConfigurableApplicationContext app, PrintStream out) {
        JobExecution execution = outcome.execution();
        if (execution != null) {
            XeroCallMetrics metrics = app.getBean(XeroCallMetrics.class);
            for (StepExecution step : execution.getStepExecutions()) {
                out.printf("%s: read %d, sent %d, unchanged %d, skipped %d; Xero calls %d (writes %d), 429s %d%n",
                        step.getStepName(), step.getReadCount(), step.getWriteCount(), step.getFilterCount(),
                        step.getSkipCount(), metrics.calls(), metrics.writeCalls(), metrics.rateLimitedCount());
            }
        }
        out.println(outcome.message());
        return outcome.exitCode();
    }

    @Command(name = "run", description = "Run a job: run <job> [name=value...]. A job that completed before runs again and syncs what changed.")
    static final class Run implements AppCommand {
        @Parameters(index = "0", description = "customerExportJob")
        String job;

        @Parameters(index = "1..*", arity = "0..*", description = "job parameters, e.g. since=2026-01-01 full=true userIds=1,2,3")
        List<String> parameters = new ArrayList<>();

        @Override
        public int call(ConfigurableApplicationContext app, PrintStream out) {
            Map<String, String> raw = new LinkedHashMap<>();
            for (String p : parameters) {
                int eq = p.indexOf('=');
                if (eq <= 0) {
                    out.println("Job parameters are name=value, got '" + p + "'");
                    return JobLaunchService.EXIT_USAGE;
                }
                raw.put(p.substring(0, eq), p.substring(eq + 1));
            }
            return report(app.getBean(JobLaunchService.class).run(job, raw), app, out);
        }
    }

    @Command(name = "restart", description = "Continue a failed or stopped execution from its last committed chunk.")
    static final class Restart implements AppCommand {
        @Parameters(index = "0", description = "execution id")
        long executionId;

        @Override
        public int call(ConfigurableApplicationContext app, PrintStream out) {
            return report(app.getBean(JobLaunchService.class).restart(executionId), app, out);
        }
    }

    @Command(name = "stop", description = "Ask a running execution to stop at the end of its current chunk.")
    static final class Stop implements AppCommand {
        @Parameters(index = "0", description = "execution id")
        long executionId;

        @Override
        public int call(ConfigurableApplicationContext app, PrintStream out) {
            JobLaunchService.Outcome outcome = app.getBean(JobLaunchService.class).stop(executionId);
            out.println(outcome.message());
            return outcome.exitCode();
        }
    }

    @Command(name = "executions", description = "Recent executions with their counters.")
    static final class Executions implements ConnectorDatabaseCommand {
        @Option(names = "--job", description = "only this job")
        String job;

        @Option(names = "--limit", defaultValue = "20")
        int limit;

        @Override
        public int call(ConfigurableApplicationContext app, PrintStream out) {
            boolean tenants = !Tenants.configured(app.getEnvironment()).isEmpty();
            TextTable table = tenants
                    ? new TextTable("ID", "TENANT", "JOB", "STATUS", "EXIT", "STARTED", "ENDED", "READ", "SENT", "UNCHANGED", "SKIPPED")
                    : new TextTable("ID", "JOB", "STATUS", "EXIT", "STARTED", "ENDED", "READ", "SENT", "UNCHANGED", "SKIPPED");
            for (var e : app.getBean(ExecutionHistory.class).recent(job, limit)) {
                if (tenants) {
                    table.row(e.id(), e.tenant(), e.jobName(), e.status(), e.exitCode(), e.start(), e.end(), e.read(), e.written(), e.unchanged(), e.skipped());
                } else {
                    table.row(e.id(), e.jobName(), e.status(), e.exitCode(), e.start(), e.end(), e.read(), e.written(), e.unchanged(), e.skipped());
                }
            }
            table.print(out);
            return JobLaunchService.EXIT_COMPLETED;
        }
    }

    @Command(name = "errors", description = "Records that could not be synced, with Xero's message.")
    static final class Errors implements ConnectorDatabaseCommand {
        @Option(names = "--job")
        String job;

        @Option(names = "--execution")
        Long execution;

        @Option(names = "--limit", description = "rows (default 50; with --csv all)")
        Integer limit;

        @Option(names = "--csv", description = "RFC 4180 CSV with a header row on stdout, for a spreadsheet")
        boolean csv;

        @Override
        public int call(ConfigurableApplicationContext app, PrintStream out) {
            boolean tenants = !Tenants.configured(app.getEnvironment()).isEmpty();
            if (csv) {
                return MaintenanceCommands.printErrorsCsv(app.getBean(ErrorLog.class).find(job, execution, limit == null ? Integer.MAX_VALUE : limit),
                        tenants, out);
            }
            TextTable table = tenants
                    ? new TextTable("TIME", "TENANT", "EXECUTION", "JOB", "ENTITY", "CS-CART ID", "XERO ID", "MESSAGE", "PAYLOAD")
                    : new TextTable("TIME", "EXECUTION", "JOB", "ENTITY", "CS-CART ID", "XERO ID", "MESSAGE", "PAYLOAD");
            for (ErrorLog.Row r : app.getBean(ErrorLog.class).find(job, execution, limit == null ? 50 : limit)) {
                if (tenants) {
                    table.row(r.createdAt(), r.tenant(), r.jobExecutionId(), r.jobName(), r.entity(), r.cscartId(), r.xeroId(), r.message(), r.payloadSummary());
                } else {
                    table.row(r.createdAt(), r.jobExecutionId(), r.jobName(), r.entity(), r.cscartId(), r.xeroId(), r.message(), r.payloadSummary());
                }
            }
            table.print(out);
            return JobLaunchService.EXIT_COMPLETED;
        }
    }

    @Command(name = "demo", description = "Export the configured store's customers and print a summary "
            + "(./mvnw -Pdemo runs it against an embedded MariaDB and the in-process sandbox).")
    static final class Demo implements AppCommand {
        @Override
        public int call(ConfigurableApplicationContext app, PrintStream out) {
            if (app.getEnvironment().getProperty("cscart.datasource.url") == null) {
                out.println("No CS-Cart database configured (cscart.datasource.url). To see the demo with nothing installed, run: ./mvnw -Pdemo");
                return JobLaunchService.EXIT_USAGE;
            }
            JobLaunchService jobs = app.getBean(JobLaunchService.class);
            JobLaunchService.Outcome outcome = jobs.run("customerExportJob", Map.of());
            int code = report(outcome, app, out);
            XeroCallMetrics metrics = app.getBean(XeroCallMetrics.class);
            if (outcome.execution() != null) {
                long sent = outcome.execution().getStepExecutions().stream().mapToLong(StepExecution::getWriteCount).sum();
                long skipped = outcome.execution().getStepExecutions().stream().mapToLong(StepExecution::getSkipCount).sum();
                out.printf("%nSummary: %d contacts accepted by Xero, %d skipped, %d write calls, %.1f records per write call, %d 429s%n",
                        sent, skipped, metrics.writeCalls(), metrics.writeCalls() == 0 ? 0.0 : (double) (sent + skipped) / metrics.writeCalls(),
                        metrics.rateLimitedCount());
                List<ErrorLog.Row> errors = app.getBean(ErrorLog.class).find(null, outcome.execution().getId(), 20);
                if (!errors.isEmpty()) {
                    out.println("Warnings and skipped records (first " + errors.size() + ", all with: errors --execution " + outcome.execution().getId() + "):");
                    TextTable table = new TextTable("CS-CART ID", "XERO SAID", "PAYLOAD");
                    errors.forEach(r -> table.row(r.cscartId(), r.message(), r.payloadSummary()));
                    table.print(out);
                }
            }
            return code;
        }
    }

    @Command(name = "serve", description = "Keep CS-Cart and Xero in step: change sync every few minutes and a nightly "
            + "reconciliation, as jobs/schedule.properties says. Runs until stopped (SIGTERM stops at a chunk boundary).")
    static final class Serve implements AppCommand {
        @Option(names = "--schedule", defaultValue = "jobs/schedule.properties", description = "the schedule file")
        java.nio.file.Path schedule;

        @Option(names = "--no-restart", description = "do not continue failed or stopped executions on start")
        boolean noRestart;

        /** Set by {@link Cli#run} before {@link #call}: what a tenant's context is built from. */
        Class<?> application;
        List<String> springArgs = List.of();
        List<String> tenants = List.of();
        /** Counted down to end {@code serve} (tests; SIGTERM otherwise). */
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);

        @Override
        public int call(ConfigurableApplicationContext app, PrintStream out) {
            io.cscartxero.ops.Schedules plans;
            try {
                plans = io.cscartxero.ops.Schedules.read(schedule);
            } catch (IllegalArgumentException e) {
                out.println(e.getMessage());
                return JobLaunchService.EXIT_USAGE;
            }
            io.cscartxero.ops.Schedule plan = plans.defaults();
            java.util.SortedSet<String> configured = Tenants.configured(app.getEnvironment());
            String unknownTenant = plans.unknownTenant(configured);
            if (unknownTenant != null) {
                out.println("The schedule " + schedule + ": " + unknownTenant);
                return JobLaunchService.EXIT_USAGE;
            }
            if (!configured.isEmpty() || !tenants.isEmpty()) {
                for (String name : tenants) {
                    String unknown = Tenants.unknown(name, configured);
                    if (unknown != null) {
                        out.println(unknown);
                        return JobLaunchService.EXIT_USAGE;
                    }
                }
                return new ServeTenants(application, springArgs, app, plans, !noRestart, tenants.isEmpty() ? configured : tenants,
                        plan.changeEvery()).serve(out, stopped);
            }
            String missing = app.getBean(io.cscartxero.ops.LaunchRequirements.class).refusal(true);
            if (missing != null) {   // every tick would be refused: say it once, before serving
                out.println(missing);
                return JobLaunchService.EXIT_USAGE;
            }
            io.cscartxero.ops.AutoSync sync = app.getBean(io.cscartxero.ops.AutoSync.class);
            java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                sync.stop();
                stopped.countDown();
            }, "serve-shutdown"));
            sync.start(plan, !noRestart);
            out.println("Serving: changes every " + plan.changeEvery() + ", nightly at '" + plan.nightlyCron() + "'. Stop with SIGTERM.");
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                sync.stop();
            }
            return JobLaunchService.EXIT_COMPLETED;
        }
    }

    @Command(name = "sandbox", description = "Run the Xero sandbox (an HTTP server that behaves like Xero) until stopped.")
    static final class Sandbox {
        @Option(names = "--port", defaultValue = "8089")
        int port;

        @Option(names = "--client-id")
        String clientId;

        @Option(names = "--client-secret")
        String clientSecret;

        @Option(names = "--tenant-id")
        String tenantId;

        int serve(PrintStream out) {
            SandboxSettings settings = SandboxSettings.defaults().withPort(port);
            if (clientId != null || clientSecret != null) {
                settings = settings.withCredentials(clientId != null ? clientId : settings.clientId(),
                        clientSecret != null ? clientSecret : settings.clientSecret());
            }
            if (tenantId != null) {
                settings = settings.withTenant(tenantId, settings.tenantName());
            }
            var sandbox = SandboxMain.run(settings, out);
            try {
                Thread.currentThread().join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                sandbox.close();
            }
            return JobLaunchService.EXIT_COMPLETED;
        }
    }
}
