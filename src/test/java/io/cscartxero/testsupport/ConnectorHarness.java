package io.cscartxero.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cscartxero.CsCartXeroApplication;
import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.sandbox.SandboxSettings;
import io.cscartxero.sandbox.XeroSandbox;
import io.cscartxero.testsupport.CsCartFixture;
import io.cscartxero.testsupport.TestDatabase;
import io.cscartxero.testsupport.TestDatabases;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A whole connector under test: a CS-Cart database on the real (embedded) MariaDB, the Xero sandbox in process and
 * a connector database; the application is started with exactly the properties an operator would set.
 * Each harness has its own databases and sandbox, so test classes never see each other's data.
 */
public final class ConnectorHarness implements AutoCloseable {

    public static final String PREFIX = "cscart_";

    public final XeroSandbox sandbox;
    public final TestDatabase cscart;
    public final String connectorUrl;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final List<ConfigurableApplicationContext> apps = new ArrayList<>();
    private final List<ApplicationContextInitializer<ConfigurableApplicationContext>> initializers = new ArrayList<>();
    private java.nio.file.Path keyDirectory;

    private ConnectorHarness(SandboxSettings settings, boolean connectorOnMariaDb, TestDatabase store) {
        this.sandbox = XeroSandbox.start(settings);
        if (store == null) {
            this.cscart = TestDatabases.create("cscart");
            CsCartFixture.create(cscart.dataSource(), PREFIX);
        } else {
            this.cscart = store;
        }
        if (connectorOnMariaDb) {
            TestDatabase connector = TestDatabases.create("connector");
            this.connectorUrl = connector.jdbcUrl();
            properties.put("spring.datasource.username", connector.username());
            properties.put("spring.datasource.password", connector.password());
        } else {
            this.connectorUrl = "jdbc:h2:mem:connector-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
            properties.put("spring.datasource.username", "sa");
            properties.put("spring.datasource.password", "");
        }
        properties.put("spring.datasource.url", connectorUrl);
        properties.put("cscart.datasource.url", cscart.jdbcUrl());
        properties.put("cscart.datasource.username", cscart.username());
        properties.put("cscart.datasource.password", cscart.password());
        properties.put("cscart.table-prefix", PREFIX);
        properties.put("xero.api-url", sandbox.apiUrl());
        properties.put("xero.identity-url", sandbox.identityUrl());
        properties.put("xero.client-id", settings.clientId());
        properties.put("xero.client-secret", settings.clientSecret());
        properties.put("xero.tenant-id", settings.tenantId());
        properties.put("xero.grant", "client_credentials");
        // the client's rolling window mirrors the sandbox's (shortened) minute window
        properties.put("xero.window", settings.minuteWindow().toMillis() + "ms");
        properties.put("xero.calls-per-window", Integer.toString(settings.minuteLimit()));
        properties.put("xero.initial-backoff", "20ms");
        properties.put("xero.max-backoff", "300ms");
        properties.put("xero.read-timeout", "5s");
        properties.put("spring.main.banner-mode", "off");
        // each harness its own token key file (created 0600 on the first stored token), never ./data/token.key
        try {
            keyDirectory = java.nio.file.Files.createTempDirectory("cscart-xero-key");
            properties.put("xero.token-key-file", keyDirectory.resolve("token.key").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Sandbox with a one-second "minute" window, so tests never wait a real minute. */
    public static SandboxSettings fastSandbox() {
        return SandboxSettings.defaults().withPort(0).withMinuteLimit(60, java.time.Duration.ofSeconds(1));
    }

    public static ConnectorHarness start() {
        return new ConnectorHarness(fastSandbox(), false, null);
    }

    /** Against an existing CS-Cart database (e.g. CS-Cart's real install schema and demo data). */
    public static ConnectorHarness startWithStore(TestDatabase store) {
        return new ConnectorHarness(fastSandbox(), false, store);
    }

    public static ConnectorHarness start(SandboxSettings settings, boolean connectorOnMariaDb) {
        return new ConnectorHarness(settings, connectorOnMariaDb, null);
    }

    public ConnectorHarness set(String property, String value) {
        properties.put(property, value);
        return this;
    }

    /** Applied to every application this harness starts (e.g. {@code ManualTime#asRateLimiterClock()}). */
    public ConnectorHarness with(ApplicationContextInitializer<ConfigurableApplicationContext> initializer) {
        initializers.add(initializer);
        return this;
    }

    public Map<String, String> properties() {
        return Map.copyOf(properties);
    }

    /** Starts the application as the CLI would (a fresh context: a "process restart" when called again). */
    public ConfigurableApplicationContext startApp() {
        List<String> args = new ArrayList<>();
        properties.forEach((k, v) -> args.add("--" + k + "=" + v));
        args.add("--spring.batch.job.enabled=false");
        ConfigurableApplicationContext app = new SpringApplicationBuilder(CsCartXeroApplication.class)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                .registerShutdownHook(false).initializers(initializers.toArray(ApplicationContextInitializer[]::new))
                .run(args.toArray(String[]::new));
        apps.add(app);
        return app;
    }

    /** The application as {@code serve} starts it: with its HTTP port (random here) for health and metrics. */
    public ConfigurableApplicationContext startServeApp() {
        List<String> args = new ArrayList<>();
        properties.forEach((k, v) -> args.add("--" + k + "=" + v));
        args.add("--spring.batch.job.enabled=false");
        args.add("--server.port=0");
        ConfigurableApplicationContext app = new SpringApplicationBuilder(CsCartXeroApplication.class)
                .web(WebApplicationType.SERVLET).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                .registerShutdownHook(false).initializers(initializers.toArray(ApplicationContextInitializer[]::new))
                .run(args.toArray(String[]::new));
        apps.add(app);
        return app;
    }

    /** The CLI with this harness's configuration; returns the exit code. */
    public int cli(java.io.PrintStream out, String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        properties.forEach((k, v) -> args.add("--" + k + "=" + v));
        return io.cscartxero.cli.Cli.run(CsCartXeroApplication.class, args.toArray(String[]::new), out);
    }

    public JdbcTemplate cscartJdbc() {
        return cscart.jdbc();
    }

    public static JobLaunchService jobs(ConfigurableApplicationContext app) {
        return app.getBean(JobLaunchService.class);
    }

    @Override
    public void close() {
        apps.forEach(ConfigurableApplicationContext::close);
        sandbox.close();
        org.springframework.util.FileSystemUtils.deleteRecursively(keyDirectory.toFile());
    }
}
