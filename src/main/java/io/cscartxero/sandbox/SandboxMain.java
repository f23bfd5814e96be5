package io.cscartxero.sandbox;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the Xero sandbox standalone:
 * {@code java -cp cscart-xero.jar io.cscartxero.sandbox.SandboxMain --port 8089 --client-id ID --client-secret S
 * --tenant-id T [--tenant-name NAME] [--minute-limit N] [--day-limit N] [--concurrent-limit N]}.
 */
public final class SandboxMain {

    /** The scopes the connector asks for (Xero's API docs: OAuth 2.0 scopes and tenants). */
    static final String CONNECTOR_SCOPES =
            "offline_access accounting.contacts accounting.settings accounting.invoices accounting.payments";
    static final String EXAMPLE_REDIRECT_URI = "http://localhost:8080/callback";

    private SandboxMain() {
    }

    public static void main(String[] args) {
        SandboxSettings settings;
        try {
            settings = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        run(settings);
    }

    /** Parses the command line on top of {@link SandboxSettings#defaults()}. */
    public static SandboxSettings parse(String[] args) {
        SandboxSettings s = SandboxSettings.defaults();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) throw new IllegalArgumentException("Usage:");
            if (i + 1 >= args.length) throw new IllegalArgumentException("missing value for " + option);
            String value = args[++i];
            switch (option) {
                case "--port" -> s = s.withPort(intValue(option, value));
                case "--client-id" -> s = s.withCredentials(value, s.clientSecret());
                case "--client-secret" -> s = s.withCredentials(s.clientId(), value);
                case "--tenant-id" -> s = s.withTenant(value, s.tenantName());
                case "--tenant-name" -> s = s.withTenant(s.tenantId(), value);
                case "--minute-limit" -> s = s.withMinuteLimit(intValue(option, value), s.minuteWindow());
                case "--day-limit" -> s = s.withDayLimit(intValue(option, value), s.dayWindow());
                case "--concurrent-limit" -> s = s.withConcurrentLimit(intValue(option, value));
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return s;
    }

    /** Starts the sandbox, prints how to use it and blocks until the thread is interrupted or the JVM stops. */
    public static void run(SandboxSettings settings) {
        XeroSandbox sandbox = run(settings, System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "xero-sandbox-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Runtime.getRuntime().removeShutdownHook(hook);
            sandbox.close();
        }
    }

    /** Starts the sandbox and prints its URLs, credentials, tenant and a ready authorization code; does not block. */
    public static XeroSandbox run(SandboxSettings settings, PrintStream out) {
        XeroSandbox sandbox = XeroSandbox.start(settings);
        String code = sandbox.issueAuthorizationCode(EXAMPLE_REDIRECT_URI, CONNECTOR_SCOPES);
        Duration ttl = TokenStore.CODE_TTL;
        out.println("Xero sandbox running at " + sandbox.baseUrl());
        out.println("  Accounting API : " + sandbox.apiUrl());
        out.println("  Token endpoint : " + sandbox.identityUrl() + "/connect/token");
        out.println("  Authorize URL  : " + sandbox.baseUrl() + "/identity/connect/authorize (consents at once)");
        out.println("  Connections    : " + sandbox.baseUrl() + "/connections");
        out.println("  Control        : GET " + sandbox.baseUrl() + "/sandbox/stats, POST /sandbox/reset,"
                + " POST /sandbox/faults, POST /sandbox/authorization-code?redirect_uri=...");
        out.println("Client id      : " + settings.clientId());
        out.println("Client secret  : " + settings.clientSecret());
        out.println("Tenant         : " + settings.tenantId() + " (" + settings.tenantName() + ")");
        out.println("Organisation   : base USD (+EUR); accounts 090 bank, 200 sales, 210 freight, 215 discounts,"
                + " 860 rounding, 299 archived; tax OUTPUT2 15%, OUTPUT 10%, NONE 0%");
        out.println("Limits         : " + settings.concurrentLimit() + " concurrent, " + settings.minuteLimit()
                + " per " + settings.minuteWindow().toSeconds() + " s, " + settings.dayLimit() + " per "
                + settings.dayWindow().toHours() + " h");
        out.println("Authorization code (valid " + ttl.toMinutes() + " min, one use, redirect_uri "
                + EXAMPLE_REDIRECT_URI + "):");
        out.println("  " + code);
        out.println("Exchange it:");
        out.println("  curl -u " + settings.clientId() + ":" + settings.clientSecret() + " -d grant_type=authorization_code"
                + " -d code=" + code + " --data-urlencode redirect_uri=" + EXAMPLE_REDIRECT_URI + " "
                + sandbox.identityUrl() + "/connect/token");
        out.println("Or, as a custom connection (access token only, xero-tenant-id optional):");
        out.println("  curl -u " + settings.clientId() + ":" + settings.clientSecret()
                + " -d grant_type=client_credentials " + sandbox.identityUrl() + "/connect/token");
        out.flush();
        return sandbox;
    }

    static String usage() {
        return "SandboxMain [--port N] [--client-id ID] [--client-secret S] [--tenant-id T] [--tenant-name NAME]"
                + " [--minute-limit N] [--day-limit N] [--concurrent-limit N]";
    }

    private static int intValue(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number: " + value);
        }
    }
}
