package io.cscartxero.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import io.cscartxero.ops.ExecutionHistory;
import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.xero.DailyCallsLeft;
import io.cscartxero.xero.XeroApiException;
import io.cscartxero.xero.XeroProperties;
import io.cscartxero.xero.auth.AuthorizationCodeFlow;
import io.cscartxero.xero.auth.ConnectProperties;
import io.cscartxero.xero.auth.StoredConnection;
import io.cscartxero.xero.auth.TokenCipher;
import io.cscartxero.xero.auth.TokenKeys;
import io.cscartxero.xero.auth.TokenStore;
import io.cscartxero.xero.auth.XeroIdentity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.client.RestClient;

/**
 * {@code connect}, {@code disconnect} and {@code status}: the Xero connection of a standard app (OAuth 2.0
 * authorization code with PKCE; the organisation and the rotating tokens stored encrypted in the connector
 * database) and what an operator wants to know about it. Nothing here prints a token, the client secret or the
 * PKCE code verifier.
 */
final class ConnectionCommands {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT);

    private ConnectionCommands() {
    }

    static boolean isStandardApp(XeroProperties xero) {
        return XeroProperties.GRANT_REFRESH_TOKEN.equals(xero.grant());
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /**
     * The encrypted token store, or empty (with the reason printed) when {@code xero.token-encryption-key} is set to
     * something that is neither a 256-bit key nor a passphrase of the scheme before. The key itself is only looked
     * up when a token is read or written: the configured key, else the key file, created on the first write.
     */
    static Optional<TokenStore> tokenStore(ConfigurableApplicationContext app, XeroProperties xero, PrintStream out) {
        TokenKeys keys;
        try {
            keys = TokenKeys.of(xero.tokenEncryptionKey(), java.nio.file.Path.of(xero.tokenKeyFile().strip()));
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            return Optional.empty();
        }
        return Optional.of(new TokenStore(app.getBean(JdbcTemplate.class), app.getBean(PlatformTransactionManager.class),
                new TokenCipher(keys), xero.connectionName()));
    }

    static XeroIdentity identity(ConfigurableApplicationContext app, XeroProperties xero) {
        return new XeroIdentity(xero, xero.connect(), app.getBean("xeroRestClient", RestClient.class));
    }

    static String time(Instant instant) {
        return instant == null ? "-" : TIME.format(instant.atZone(ZoneId.systemDefault()));
    }

    /** "in 29 min", "in 60 days", "3 h ago". */
    static String relative(Instant instant, Instant now) {
        Duration d = Duration.between(now, instant);
        boolean past = d.isNegative();
        d = d.abs();
        String amount = d.toDays() >= 2 ? d.toDays() + " days" : d.toHours() >= 2 ? d.toHours() + " h" : Math.max(d.toMinutes(), 0) + " min";
        return past ? amount + " ago" : "in " + amount;
    }

    static String human(Duration d) {
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    @Command(name = "connect", description = "Connect a Xero organisation (standard app, xero.grant=refresh_token): prints "
            + "the address of Xero's consent screen, waits for the browser to come back to xero.redirect-uri (OAuth 2.0 "
            + "code flow with PKCE), then stores the organisation and the tokens, encrypted.")
    static final class Connect implements Cli.AppCommand {

        @Option(names = "--tenant", paramLabel = "<id or name>",
                description = "the organisation to use when the consent connects several (tenant id or name)")
        String tenant;

        @Option(names = "--organisation", paramLabel = "<id or name>",
                description = "with tenants configured (--tenant names the tenant): the organisation to use when the consent connects several")
        String organisation;

        @Override
        public int call(ConfigurableApplicationContext app, PrintStream out) {
            XeroProperties xero = app.getBean(XeroProperties.class);
            ConnectProperties settings = xero.connect();
            if (!isStandardApp(xero)) {
                out.println("xero.grant=client_credentials: a custom connection needs no connect step. The connector obtains its "
                        + "access tokens with the client id and secret; the organisation is the one the custom connection was "
                        + "set up for. (For a standard app, set xero.grant=refresh_token and run connect.)");
                return JobLaunchService.EXIT_COMPLETED;
            }
            if (blank(xero.clientId())) {
                out.println("Set xero.client-id (and xero.client-secret, unless the Xero app is an \"Auth Code with PKCE\" app) first.");
                return JobLaunchService.EXIT_USAGE;
            }
            Optional<TokenStore> store = tokenStore(app, xero, out);
            if (store.isEmpty()) {
                return JobLaunchService.EXIT_USAGE;
            }
            XeroIdentity identity = identity(app, xero);
            AuthorizationCodeFlow flow;
            try {
                flow = AuthorizationCodeFlow.listen(settings.redirectUri());
            } catch (IllegalArgumentException e) {
                out.println(e.getMessage());
                return JobLaunchService.EXIT_USAGE;
            }
            try (flow) {
                out.println("Open this address in a browser, sign in to Xero and allow access:");
                out.println();
                out.println("    " + identity.authorizationUrl(flow.redirectUri(), flow.state(), flow.codeChallenge()));
                out.println();
                out.println("Waiting up to " + human(settings.callbackTimeout()) + " for Xero to send the browser back to "
                        + flow.redirectUri() + " ...");
                out.flush();
                AuthorizationCodeFlow.Callback callback;
                try {
                    callback = flow.await(settings.callbackTimeout());
                } catch (TimeoutException e) {
                    out.println("No answer from Xero within " + human(settings.callbackTimeout()) + ". Nothing was stored; run "
                            + "connect again (xero.callback-timeout sets how long it waits)."
                            + (flow.ignoredCallbacks() == 0 ? "" : " " + flow.ignoredCallbacks() + " request(s) to " + flow.redirectUri()
                                    + " without this attempt's state were ignored (forged, or from another attempt)."));
                    return JobLaunchService.EXIT_FAILED;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    out.println("Interrupted. Nothing was stored.");
                    return JobLaunchService.EXIT_FAILED;
                }
                if (callback instanceof AuthorizationCodeFlow.Denied denied) {
                    out.println("Xero did not grant access: " + denied.error()
                            + (blank(denied.description()) ? "" : " (" + denied.description() + ")") + ". Nothing was stored.");
                    return JobLaunchService.EXIT_FAILED;
                }
                return finish(app, xero, identity, flow, (AuthorizationCodeFlow.Code) callback, store.get(), out);
            }
        }

        private int finish(ConfigurableApplicationContext app, XeroProperties xero, XeroIdentity identity,
                AuthorizationCodeFlow flow, AuthorizationCodeFlow.Code code, TokenStore store, PrintStream out) {
            XeroIdentity.Tokens tokens;
            List<XeroIdentity.Organisation> organisations;
            try {
                tokens = flow.exchange(identity, code);
                if (tokens.refreshToken() == null) {
                    out.println("Xero issued no refresh token: xero.scopes must include offline_access. Nothing was stored.");
                    return JobLaunchService.EXIT_USAGE;
                }
                organisations = identity.connections(tokens.accessToken());
            } catch (XeroApiException e) {
                out.println(e.getMessage() + ". Nothing was stored; run connect again.");
                return JobLaunchService.EXIT_FAILED;
            }
            if (organisations.isEmpty()) {
                out.println("The consent connected no organisation (GET /connections is empty). Nothing was stored; run connect "
                        + "again and pick an organisation on Xero's consent screen.");
                return JobLaunchService.EXIT_USAGE;
            }
            String configured = app.getEnvironment().getProperty("xero.tenant-id");
            XeroIdentity.Organisation chosen;
            // with tenants configured --tenant named the connector tenant (the context's): the organisation is --organisation
            String tenant = xero.connectorTenant().isEmpty() ? (this.tenant != null ? this.tenant : organisation) : organisation;
            if (tenant != null) {
                List<XeroIdentity.Organisation> matches = organisations.stream()
                        .filter(o -> tenant.trim().equalsIgnoreCase(o.tenantId()) || tenant.trim().equalsIgnoreCase(o.tenantName().trim()))
                        .toList();
                if (matches.size() != 1) {
                    out.println((matches.isEmpty() ? "No connected organisation is '" + tenant + "'."
                            : "Several connected organisations are named '" + tenant + "': give the tenant id.")
                            + " Nothing was stored. The consent connected:");
                    printOrganisations(organisations, out);
                    return JobLaunchService.EXIT_USAGE;
                }
                chosen = matches.get(0);
            } else if (organisations.size() == 1) {
                chosen = organisations.get(0);
            } else if (!blank(configured) && organisations.stream().anyMatch(o -> o.tenantId().equalsIgnoreCase(configured.trim()))) {
                chosen = organisations.stream().filter(o -> o.tenantId().equalsIgnoreCase(configured.trim())).findFirst().orElseThrow();
            } else {
                out.println("The consent connected " + organisations.size() + " organisations. Nothing was stored; choose one with "
                        + "--tenant <id or name> and run connect again:");
                printOrganisations(organisations, out);
                return JobLaunchService.EXIT_USAGE;
            }
            Instant accessExpiresAt = Instant.now().plusSeconds(tokens.expiresInSeconds());
            store.saveConnection(new TokenStore.TokenSet(tokens.refreshToken(), tokens.accessToken(), accessExpiresAt,
                    chosen.tenantId()), chosen.tenantName(), chosen.connectionId());
            out.println("Connected to " + chosen.tenantName() + " (tenant " + chosen.tenantId() + "). The tokens are stored "
                    + "encrypted in the connector database; the access token is valid until " + time(accessExpiresAt)
                    + " and is refreshed as needed.");
            if (!blank(configured) && !configured.trim().equalsIgnoreCase(chosen.tenantId())) {
                out.println("Note: xero.tenant-id=" + configured.trim() + " is set and wins over the connected organisation; "
                        + "unset it to use " + chosen.tenantName() + ".");
            } else {
                out.println("Jobs use this organisation" + (blank(configured) ? " (xero.tenant-id is not set)." : "."));
            }
            return JobLaunchService.EXIT_COMPLETED;
        }

        private static void printOrganisations(List<XeroIdentity.Organisation> organisations, PrintStream out) {
            TextTable table = new TextTable("TENANT ID", "NAME");
            organisations.forEach(o -> table.row(o.tenantId(), o.tenantName()));
            table.print(out);
        }
    }

    @Command(name = "disconnect", description = "Revoke the connector's access at Xero (the refresh token; Xero also removes "
            + "the organisation's connection to the app) and delete the stored tokens.")
    static final class Disconnect implements Cli.AppCommand {

        @Option(names = "--force", description = "delete the stored tokens even when Xero cannot be reached or refuses the revocation")
        boolean force;

        @Override
        public int call(ConfigurableApplicationContext app, PrintStream out) {
            XeroProperties xero = app.getBean(XeroProperties.class);
            if (!isStandardApp(xero)) {
                out.println("xero.grant=client_credentials: a custom connection stores no tokens. To end it, remove the custom "
                        + "connection in the Xero app's settings (developer.xero.com) and clear xero.client-id/secret.");
                return JobLaunchService.EXIT_COMPLETED;
            }
            Optional<TokenStore> store = tokenStore(app, xero, out);
            if (store.isEmpty()) {
                return JobLaunchService.EXIT_USAGE;
            }
            Optional<StoredConnection> stored = StoredConnection.load(app.getBean(JdbcTemplate.class), xero.connectionName());
            if (stored.isEmpty()) {
                out.println("Not connected: no tokens are stored.");
                return JobLaunchService.EXIT_COMPLETED;
            }
            String organisation = stored.get().tenantName() == null ? "tenant " + stored.get().tenantId()
                    : stored.get().tenantName() + " (tenant " + stored.get().tenantId() + ")";
            String problem = null;
            boolean connectionDeleted = false;
            try {
                TokenStore.TokenSet tokens = store.get().load().orElseThrow();
                XeroIdentity identity = identity(app, xero);
                // with a still valid access token the organisation's connection is removed explicitly first
                if (tokens.accessToken() != null && stored.get().connectionId() != null
                        && tokens.accessExpiresAt().isAfter(Instant.now().plusSeconds(60))) {
                    connectionDeleted = identity.deleteConnection(tokens.accessToken(), stored.get().connectionId());
                }
                if (tokens.refreshToken() == null) {
                    problem = "no refresh token is stored";
                } else {
                    identity.revoke(tokens.refreshToken());
                }
            } catch (XeroApiException e) {
                problem = e.getMessage();
            } catch (RuntimeException e) {   // decryption: the key is missing, or another one stored them
                problem = "the stored tokens cannot be decrypted (" + e.getMessage() + ")";
            }
            if (problem != null && !force) {
                out.println("Could not revoke the connector's access at Xero: " + problem + ". The stored tokens were kept; try "
                        + "again, or run disconnect --force to delete them anyway (then remove the app under Settings > "
                        + "Connected apps in Xero).");
                return JobLaunchService.EXIT_FAILED;
            }
            store.get().delete();
            if (problem != null) {
                out.println("Deleted the stored tokens of " + organisation + " (--force). Xero was not told (" + problem
                        + "): remove the app under Settings > Connected apps in Xero.");
            } else {
                out.println("Disconnected from " + organisation + ": " + (connectionDeleted ? "the connection is removed and " : "")
                        + "the refresh token is revoked at Xero, and the stored tokens are deleted. Run connect to connect again.");
            }
            return JobLaunchService.EXIT_COMPLETED;
        }
    }

    @Command(name = "keygen", description = "Create the 256-bit key that encrypts the stored Xero tokens: written to "
            + "xero.token-key-file (default data/token.key), created new with mode 0600 in a directory created 0700; never "
            + "replaces an existing key. With --stdout it is printed instead (the only output), for XERO_TOKEN_ENCRYPTION_KEY. "
            + "connect creates the key file itself when no key exists; the key is never logged.")
    static final class Keygen implements Cli.AppCommand {

        @Option(names = "--stdout", description = "print the key (base64) instead of writing the key file")
        boolean stdout;

        /** keygen needs the configuration only: no database, no Xero client. */
        static ConfigurableApplicationContext context(List<String> springArgs) {
            return new org.springframework.boot.builder.SpringApplicationBuilder(Keygen.class)
                    .web(org.springframework.boot.WebApplicationType.NONE)
                    .bannerMode(org.springframework.boot.Banner.Mode.OFF)
                    .logStartupInfo(false)
                    .registerShutdownHook(false)
                    .run(springArgs.toArray(String[]::new));
        }

        @Override
        public int call(ConfigurableApplicationContext app, PrintStream out) {
            byte[] key = TokenKeys.generate();
            if (stdout) {
                out.println(TokenKeys.encode(key));
                return JobLaunchService.EXIT_COMPLETED;
            }
            java.nio.file.Path file = TokenKeys.keyFile(app.getEnvironment());
            try {
                TokenKeys.write(file, key);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                out.println(file + " exists already: keygen never replaces a key (the stored tokens are encrypted with it). "
                        + "To start over, run disconnect, delete the file, then keygen and connect.");
                return JobLaunchService.EXIT_USAGE;
            } catch (java.io.IOException e) {
                out.println("Cannot write " + file + ": " + e.getMessage());
                return JobLaunchService.EXIT_FAILED;
            }
            out.println("Wrote a new 256-bit token encryption key to " + file.toAbsolutePath() + " (mode 0600). Keep it with "
                    + "the connector database's backups, readable by the connector's user only.");
            String configured = app.getEnvironment().getProperty("xero.token-encryption-key");
            if (!blank(configured)) {
                out.println("Note: xero.token-encryption-key is set; when it holds a key it wins over the file, when it is a "
                        + "passphrase of the scheme before it only serves to re-encrypt the tokens stored with it.");
            }
            return JobLaunchService.EXIT_COMPLETED;
        }
    }

    @Command(name = "status", description = "The Xero organisation, the state of the tokens, the last run of each job and "
            + "the daily Xero calls left, from the connector database (no Xero call).")
    static final class Status implements Cli.ConnectorDatabaseCommand {

        @Override
        public int call(ConfigurableApplicationContext app, PrintStream out) {
            XeroProperties xero = app.getBean(XeroProperties.class);
            Instant now = Instant.now();
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            String configuredTenant = app.getEnvironment().getProperty("xero.tenant-id");
            out.println("Xero connection");
            if (!isStandardApp(xero)) {
                line(out, "App", "custom connection (xero.grant=client_credentials)");
                line(out, "Organisation", blank(xero.tenantId()) ? "the custom connection's organisation" : xero.tenantId() + " (xero.tenant-id)");
                line(out, "Access token", blank(xero.clientId()) || blank(xero.clientSecret())
                        ? "cannot be obtained: set xero.client-id and xero.client-secret"
                        : "requested with the client id and secret when needed (not stored)");
            } else {
                line(out, "App", "standard app (xero.grant=refresh_token)");
                Optional<StoredConnection> stored = StoredConnection.load(jdbc, xero.connectionName());
                if (stored.isEmpty()) {
                    line(out, "Organisation", blank(configuredTenant) ? "not connected: run connect" : configuredTenant.trim() + " (xero.tenant-id)");
                    line(out, "Access token", "none stored");
                    line(out, "Refresh token", blank(xero.refreshToken()) ? "none: run connect"
                            : "none stored yet; xero.refresh-token is configured (used for the first refresh only)");
                } else {
                    StoredConnection c = stored.get();
                    String connected = (c.tenantName() == null ? "" : c.tenantName() + " ") + "(tenant " + c.tenantId() + ")";
                    if (blank(configuredTenant)) {
                        line(out, "Organisation", connected);
                    } else if (configuredTenant.trim().equalsIgnoreCase(c.tenantId())) {
                        line(out, "Organisation", connected + ", also set as xero.tenant-id");
                    } else {
                        line(out, "Organisation", configuredTenant.trim() + " (xero.tenant-id, wins); the tokens were stored for " + connected);
                    }
                    if (c.accessExpiresAt() == null) {
                        line(out, "Access token", "none stored");
                    } else if (c.accessExpiresAt().isAfter(now)) {
                        line(out, "Access token", "valid until " + time(c.accessExpiresAt()) + " (" + relative(c.accessExpiresAt(), now) + ")");
                    } else {
                        line(out, "Access token", "expired " + time(c.accessExpiresAt()) + "; refreshed on the next call");
                    }
                    if (!c.refreshTokenPresent()) {
                        line(out, "Refresh token", "none stored: run connect");
                    } else {
                        Instant expires = c.refreshExpiresAt().orElseThrow();
                        Instant issued = c.refreshIssuedAt() != null ? c.refreshIssuedAt() : c.updatedAt();
                        line(out, "Refresh token", "present, issued " + time(issued) + "; "
                                + (expires.isAfter(now) ? "expires if unused " + time(expires) + " (" + relative(expires, now) + ")"
                                        : "EXPIRED " + time(expires) + " (unused for 60 days): run connect"));
                    }
                }
            }
            Optional<DailyCallsLeft.Reading> calls = app.getBean(DailyCallsLeft.class).last();
            line(out, "Daily calls left", calls.map(r -> String.format(Locale.ROOT, "%,d", r.remaining()) + " (as Xero reported it "
                    + time(r.reportedAt()) + ")").orElse("unknown (no job has called Xero yet)"));
            out.println();
            out.println("Last runs");
            ExecutionHistory history = app.getBean(ExecutionHistory.class);
            TextTable table = new TextTable("JOB", "EXECUTION", "STATUS", "EXIT", "ENDED", "READ", "SENT", "UNCHANGED", "SKIPPED");
            for (String job : ConnectorDatabaseContext.jobNames(app)) {
                List<ExecutionHistory.ExecutionRow> last = history.recent(job, 1);
                if (last.isEmpty()) {
                    table.row(job, "-", "never run", "", "", "", "", "", "");
                } else {
                    ExecutionHistory.ExecutionRow e = last.get(0);
                    table.row(job, e.id(), e.status(), e.exitCode(), e.end() == null ? "(not ended)" : e.end().withNano(0),
                            e.read(), e.written(), e.unchanged(), e.skipped());
                }
            }
            table.print(out);
            return JobLaunchService.EXIT_COMPLETED;
        }

        private static void line(PrintStream out, String label, String value) {
            out.printf("  %-17s %s%n", label, value);
        }
    }
}
