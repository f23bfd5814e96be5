package io.cscartxero.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.cscartxero.CsCartXeroApplication;
import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.sandbox.SandboxSettings;
import io.cscartxero.sandbox.SandboxStats.CallTime;
import io.cscartxero.sandbox.XeroSandbox;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.StoreGenerator;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code ./mvnw -Pbench -Dbench.main=io.cscartxero.bench.MultiTenantBenchmark [-Dbench.window=1s]
 * [-Dbench.customers=300] [-Dbench.products=150] [-Dbench.orders=300] [-Dbench.chunk=5] [-Dbench.latency=0.1s]}: six Xero organisations synced side by side in
 * one JVM, one context per tenant ({@code connector.tenant}, its own custom connection, token row, rate limiter, daily
 * budget and job leases, as {@code serve --tenant} gives each tenant) on one MariaDB connector database, from one
 * generated store (each organisation gets the whole store, so each has the same store size; {@code -Dbench.chunk=5}
 * records per write call, so that the rate limit binds with a small store). One organisation answers 429 to every call, one has its connection revoked. Printed per
 * organisation: admitted calls per minute (wall clock, first to last admitted call; the sandbox allows 60 per
 * {@code bench.window}), 429s, records synced,
 * wall time, next to one organisation alone with the same store. Each organisation runs customerExportJob,
 * productExportJob, orderExportJob in that order.
 */
public final class MultiTenantBenchmark {

    static final java.util.concurrent.atomic.AtomicInteger launchRetries = new java.util.concurrent.atomic.AtomicInteger();
    static final List<String> JOBS = List.of("customerExportJob", "productExportJob", "orderExportJob");

    record Org(String name, String tenantId, String clientId, String fault) {
        static Org of(int n, String fault) {
            return new Org("org" + n, String.format("%08d-0000-4000-8000-%012d", n, n), "client-org" + n, fault);
        }
    }

    record Result(Org org, List<Integer> exits, double seconds, long admitted, long rateLimited, long unauthorized,
            long tokenRequests, double callsPerMinute, long records) {
    }

    public static void main(String[] args) throws Exception {
        try {
            measure();
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);   // the embedded MariaDB's process watcher is not a daemon thread
    }

    static void measure() throws Exception {
        Duration window = BenchSupport.window("1s");
        int customers = Integer.getInteger("bench.customers", 300);
        int products = Integer.getInteger("bench.products", 150);
        int orders = Integer.getInteger("bench.orders", 300);
        // Xero answers in a few hundred ms; the sandbox in a few: a fixed latency per call keeps the 2-core machine's
        // CPU from being what is measured
        Duration latency = Duration.parse("PT" + System.getProperty("bench.latency", "0.1s").toUpperCase());
        SandboxSettings settings = SandboxSettings.defaults().withPort(0).withMinuteLimit(60, window)
                .withDayLimit(1_000_000, Duration.ofDays(1));
        try (ConnectorHarness h = ConnectorHarness.start(settings, true)) {   // one MariaDB connector DB for all
            long genStart = System.nanoTime();
            StoreGenerator.populateStore(h.cscart.dataSource(), ConnectorHarness.PREFIX, customers, products, orders, 14L);
            double genSeconds = (System.nanoTime() - genStart) / 1e9;
            BenchSupport.mapGeneratedTaxes(h);
            XeroSandbox sandbox = h.sandbox;

            Org lone = Org.of(0, "");
            List<Org> six = List.of(Org.of(1, ""), Org.of(2, ""), Org.of(3, ""), Org.of(4, ""),
                    Org.of(5, "429 on every call"), Org.of(6, "connection revoked"));
            for (Org org : concat(lone, six)) {
                sandbox.addCustomConnection(org.clientId(), "secret-" + org.name(), org.tenantId(), "Org " + org.name());
                // the tax rates the generated store's taxes map to, in every organisation
                addTaxRates(sandbox, org.tenantId());
            }

            if (!latency.isZero()) sandbox.faults().setSlowRate(1.0, latency);
            Result alone = runAll(h, List.of(lone), concat(lone, six), window).get(0);

            sandbox.faults().rateLimitTenant(six.get(4).tenantId(), true);
            sandbox.revokeOrganisation(six.get(5).tenantId());
            List<Result> results = runAll(h, six, concat(lone, six), window);

            System.out.println();
            System.out.printf("Six organisations in one JVM (one context each), %d customers / %d products / %d orders per "
                    + "organisation, %d records per write call, %d ms latency per call; 60 calls per %d ms window (Xero: 60 per "
                    + "minute); store generated in %.1f s; launches retried after a deadlock: %d%n",
                    customers, products, orders, Integer.getInteger("bench.chunk", 5), latency.toMillis(),
                    window.toMillis(), genSeconds, launchRetries.get());
            System.out.println(BenchSupport.machine());
            System.out.println("| organisation | fault | exit codes | admitted calls | calls per minute | 429s | 401/403s "
                    + "| token requests | records synced | wall time |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|");
            print(alone, "alone");
            for (Result r : results) print(r, "");
            double healthy = results.stream().filter(r -> r.org().fault().isEmpty())
                    .mapToDouble(Result::callsPerMinute).average().orElse(Double.NaN);
            System.out.printf("Healthy four: %.0f calls per minute on average, %.0f %% of the lone organisation's %.0f%n",
                    healthy, 100 * healthy / alone.callsPerMinute(), alone.callsPerMinute());
        }
    }

    static List<Org> concat(Org first, List<Org> rest) {
        List<Org> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    static void print(Result r, String note) {
        System.out.printf("| %s%s | %s | %s | %d | %.0f | %d | %d | %d | %d | %.1f s |%n", r.org().name(),
                note.isEmpty() ? "" : " (" + note + ")", r.org().fault().isEmpty() ? "–" : r.org().fault(),
                r.exits(), r.admitted(), r.callsPerMinute(), r.rateLimited(), r.unauthorized(), r.tokenRequests(),
                r.records(), r.seconds());
    }

    /**
     * Every organisation in its own context ({@code connector.tenant=<name>} over the {@code tenants.<name>.*} keys of
     * all of them, on the one connector database, as serve's child contexts), started one after the other; then
     * their jobs all at once, one thread each; returns when all are done.
     */
    static List<Result> runAll(ConnectorHarness h, List<Org> orgs, List<Org> configured, Duration window)
            throws Exception {
        List<ConfigurableApplicationContext> contexts = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(orgs.size());
        try {
            for (Org org : orgs) contexts.add(startTenant(h, org, configured));
            List<Future<Result>> futures = new ArrayList<>();
            for (int i = 0; i < orgs.size(); i++) {
                Org org = orgs.get(i);
                ConfigurableApplicationContext app = contexts.get(i);
                futures.add(pool.submit(() -> runOrg(h, app, org, window)));
            }
            List<Result> results = new ArrayList<>();
            for (Future<Result> f : futures) results.add(f.get());
            return results;
        } finally {
            pool.shutdownNow();
            contexts.forEach(ConfigurableApplicationContext::close);
        }
    }

    static ConfigurableApplicationContext startTenant(ConnectorHarness h, Org org, List<Org> configured) {
        Map<String, String> properties = new LinkedHashMap<>(h.properties());
        for (Org o : configured) {
            properties.put("tenants." + o.name() + ".xero.client-id", o.clientId());
            properties.put("tenants." + o.name() + ".xero.client-secret", "secret-" + o.name());
            properties.put("tenants." + o.name() + ".xero.tenant-id", o.tenantId());
        }
        properties.put("connector.tenant", org.name());
        // the settings jobs/k8s-tenants.yaml gives several processes on one InnoDB connector database
        properties.put("spring.datasource.hikari.transaction-isolation", "TRANSACTION_READ_COMMITTED");
        properties.put("spring.batch.jdbc.isolation-level-for-create", "read-committed");
        properties.put("sync.chunk-size", Integer.toString(Integer.getInteger("bench.chunk", 5)));
        List<String> args = new ArrayList<>();
        properties.forEach((k, v) -> args.add("--" + k + "=" + v));
        args.add("--spring.batch.job.enabled=false");
        return new SpringApplicationBuilder(CsCartXeroApplication.class)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                .registerShutdownHook(false).run(args.toArray(String[]::new));
    }

    static Result runOrg(ConnectorHarness h, ConfigurableApplicationContext app, Org org, Duration window) {
        List<Integer> exits = new ArrayList<>();
        long start = System.nanoTime();
        JobLaunchService jobs = ConnectorHarness.jobs(app);
        for (String job : JOBS) {
            Map<String, String> params = job.equals("orderExportJob") ? Map.of("statuses", "P,C,O,F,D,B,I") : Map.of();
            JobLaunchService.Outcome outcome = jobs.run(job, params);
            // a launch that lost a database deadlock (job_lock / job repository) is tried again, as serve's next tick would
            for (int attempt = 1; attempt < 5 && outcome.exitCode() == JobLaunchService.EXIT_USAGE
                    && outcome.message().startsWith("Could not launch"); attempt++) {
                launchRetries.incrementAndGet();
                outcome = jobs.run(job, params);
            }
            exits.add(outcome.exitCode());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        var stats = h.sandbox.stats().tenant(org.tenantId());
        List<CallTime> calls = h.sandbox.stats().timeline().stream()
                .filter(c -> org.tenantId().equals(c.tenantId()) && c.status() != 429).toList();
        // admitted calls per minute of wall-clock time between the organisation's first and last admitted call
        double perMinute = calls.size() < 2 ? 0
                : (calls.size() - 1) * 60e9 / (calls.get(calls.size() - 1).nanos() - calls.get(0).nanos());
        long records = h.sandbox.contacts(org.tenantId()).size() + h.sandbox.items(org.tenantId()).size()
                + h.sandbox.invoices(org.tenantId()).size();
        return new Result(org, exits, seconds, calls.size(), stats.rateLimited(), stats.unauthorized(),
                stats.tokenRequests(), perMinute, records);
    }

    /** The tax rates of {@link BenchSupport#mapGeneratedTaxes} (added there to the default organisation) in one more. */
    static void addTaxRates(XeroSandbox sandbox, String tenantId) {
        sandbox.addTaxRate(tenantId, "SALES825", "Sales tax 8.25%", new java.math.BigDecimal("8.25"));
        sandbox.addTaxRate(tenantId, "CITY15", "City tax 1.5%", new java.math.BigDecimal("1.5"));
        sandbox.addTaxRate(tenantId, "SALESCITY", "Sales and city tax 9.75%", new java.math.BigDecimal("9.75"));
        sandbox.addTaxRate(tenantId, "VATGST", "VAT and GST 25%", new java.math.BigDecimal("25"));
    }
}
