package io.cscartxero.console;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.cscartxero.check.CheckLine;
import io.cscartxero.check.FirstRunChecks;
import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.ops.JobSpec;
import io.cscartxero.xero.XeroApiException;
import io.cscartxero.xero.XeroProperties;
import io.cscartxero.xero.auth.AuthorizationCodeFlow;
import io.cscartxero.xero.auth.StoredConnection;
import io.cscartxero.xero.auth.TokenCipher;
import io.cscartxero.xero.auth.TokenKeys;
import io.cscartxero.xero.auth.TokenStore;
import io.cscartxero.xero.auth.XeroIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.client.RestClient;

/**
 * What the console's buttons do, through the services the CLI uses: {@link JobLaunchService} for run, restart and
 * stop (so the job lease, the launch requirements and the parameter checks are the same), {@link FirstRunChecks} for
 * check, and the xero.auth classes of {@code connect}/{@code disconnect}. A run or restart goes to a background
 * thread (a request must not wait for a whole job); its outcome is kept for the executions page.
 */
@Component
@ConditionalOnConsole
public class ConsoleActions implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ConsoleActions.class);
    /** How long a request waits for a launch to be refused or to finish before answering "started". */
    static final Duration ANSWER_WITHIN = Duration.ofMillis(1500);

    private final JobLaunchService jobs;
    private final FirstRunChecks checks;
    private final XeroProperties xero;
    private final JdbcTemplate jdbc;
    private final PlatformTransactionManager txManager;
    private final RestClient xeroRestClient;
    private final Environment env;
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService launcher = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "console-job-" + threads.incrementAndGet());
        t.setDaemon(false);
        return t;
    });
    private final Deque<Outcome> recent = new ConcurrentLinkedDeque<>();
    private volatile ConnectAttempt connecting;

    public ConsoleActions(JobLaunchService jobs, FirstRunChecks checks, XeroProperties xero, JdbcTemplate jdbc,
            PlatformTransactionManager txManager, @Qualifier("xeroRestClient") RestClient xeroRestClient, Environment env) {
        this.jobs = jobs;
        this.checks = checks;
        this.xero = xero;
        this.jdbc = jdbc;
        this.txManager = txManager;
        this.xeroRestClient = xeroRestClient;
        this.env = env;
    }

    /** An action's result as the pages show it. */
    public record Outcome(Instant at, String user, String action, boolean ok, String message) {
    }

    public List<Outcome> recent() {
        return List.copyOf(recent);
    }

    public Map<String, JobSpec> specs() {
        return jobs.specs();
    }

    /**
     * The job parameters of the run form: {@code since}, {@code statuses}, the job's ids parameter ({@code userIds},
     * {@code productIds} or {@code orderIds}) and {@code full}; each only when the job takes it.
     */
    public static Map<String, String> parameters(JobSpec spec, String since, String statuses, String ids, boolean full) {
        Map<String, String> raw = new LinkedHashMap<>();
        put(raw, spec, "since", since);
        put(raw, spec, "statuses", statuses == null ? null : statuses.replace(" ", ""));
        if (ids != null && !ids.isBlank()) {
            String name = spec.parameters().keySet().stream().filter(p -> p.endsWith("Ids")).sorted().findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(spec.jobName() + " takes no ids"));
            raw.put(name, ids.replace(" ", ""));
        }
        if (full) {
            put(raw, spec, "full", "true");
        }
        return raw;
    }

    private static void put(Map<String, String> raw, JobSpec spec, String name, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        if (!spec.parameters().containsKey(name)) {
            throw new IllegalArgumentException(spec.jobName() + " takes no " + name + " parameter");
        }
        raw.put(name, value.strip());
    }

    public Outcome run(String user, String job, Map<String, String> parameters) {
        String what = "run " + job + (parameters.isEmpty() ? "" : " " + parameters.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).reduce((a, b) -> a + " " + b).orElse(""));
        return launch(user, what, () -> jobs.run(job, parameters));
    }

    public Outcome restart(String user, long executionId) {
        return launch(user, "restart " + executionId, () -> jobs.restart(executionId));
    }

    public Outcome stop(String user, long executionId) {
        JobLaunchService.Outcome outcome = jobs.stop(executionId);
        return remember(new Outcome(Instant.now(), user, "stop " + executionId, outcome.exitCode() == JobLaunchService.EXIT_COMPLETED,
                outcome.message()));
    }

    private Outcome launch(String user, String what, Supplier<JobLaunchService.Outcome> launch) {
        Future<JobLaunchService.Outcome> future = launcher.submit(() -> {
            JobLaunchService.Outcome outcome = launch.get();
            remember(new Outcome(Instant.now(), user, what, outcome.exitCode() == JobLaunchService.EXIT_COMPLETED
                    || outcome.exitCode() == JobLaunchService.EXIT_COMPLETED_WITH_SKIPS, outcome.message()));
            return outcome;
        });
        try {
            JobLaunchService.Outcome outcome = future.get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            return new Outcome(Instant.now(), user, what, outcome.exitCode() == JobLaunchService.EXIT_COMPLETED
                    || outcome.exitCode() == JobLaunchService.EXIT_COMPLETED_WITH_SKIPS, outcome.message());
        } catch (TimeoutException running) {
            return new Outcome(Instant.now(), user, what, true, what + ": started; it runs in the background (see Executions)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(Instant.now(), user, what, false, "interrupted");
        } catch (ExecutionException e) {
            log.error("Console: {} failed", what, e.getCause());
            return remember(new Outcome(Instant.now(), user, what, false, what + " failed: " + e.getCause().getMessage()));
        }
    }

    private Outcome remember(Outcome outcome) {
        recent.addFirst(outcome);
        while (recent.size() > 20) {
            recent.pollLast();
        }
        return outcome;
    }

    public List<FirstRunChecks.Part> check(boolean exportsOnly) {
        return checks.runByCheck(exportsOnly);
    }

    // ---- the Xero connection ----

    public boolean standardApp() {
        return XeroProperties.GRANT_REFRESH_TOKEN.equals(xero.grant());
    }

    public Optional<StoredConnection> connection() {
        try {
            return StoredConnection.load(jdbc);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private TokenStore tokenStore() {
        TokenKeys keys = TokenKeys.of(xero.tokenEncryptionKey(), Path.of(xero.tokenKeyFile().strip()));
        return new TokenStore(jdbc, txManager, new TokenCipher(keys));
    }

    /** {@code disconnect}: revoke at Xero, then delete the stored tokens; the tokens are kept when Xero cannot be told. */
    public Outcome disconnect(String user, boolean force) {
        if (!standardApp()) {
            return remember(new Outcome(Instant.now(), user, "disconnect", false, "xero.grant=client_credentials: a custom "
                    + "connection stores no tokens; remove it in the Xero app's settings (developer.xero.com)."));
        }
        Optional<StoredConnection> stored = connection();
        if (stored.isEmpty()) {
            return remember(new Outcome(Instant.now(), user, "disconnect", true, "Not connected: no tokens are stored."));
        }
        String problem = null;
        try {
            TokenStore store = tokenStore();
            TokenStore.TokenSet tokens = store.load().orElseThrow();
            XeroIdentity identity = new XeroIdentity(xero, xero.connect(), xeroRestClient);
            if (tokens.accessToken() != null && stored.get().connectionId() != null
                    && tokens.accessExpiresAt().isAfter(Instant.now().plusSeconds(60))) {
                identity.deleteConnection(tokens.accessToken(), stored.get().connectionId());
            }
            if (tokens.refreshToken() == null) {
                problem = "no refresh token is stored";
            } else {
                identity.revoke(tokens.refreshToken());
            }
        } catch (XeroApiException e) {
            problem = e.getMessage();
        } catch (RuntimeException e) {
            problem = "the stored tokens cannot be decrypted";
        }
        if (problem != null && !force) {
            return remember(new Outcome(Instant.now(), user, "disconnect", false, "Could not revoke the connector's access at Xero: "
                    + problem + ". The stored tokens were kept; try again, or disconnect with 'even if Xero cannot be told'."));
        }
        tokenStore().delete();
        return remember(new Outcome(Instant.now(), user, "disconnect", true, problem == null
                ? "Disconnected: the refresh token is revoked at Xero and the stored tokens are deleted."
                : "Deleted the stored tokens; Xero was not told (" + problem + "): remove the app under Settings > Connected apps in Xero."));
    }

    /** A connect in progress: the address of Xero's consent screen, and the result once Xero sent the browser back. */
    public record ConnectAttempt(String consentUrl, String redirectUri, Instant startedAt, Future<String> result) {
    }

    public Optional<ConnectAttempt> connecting() {
        return Optional.ofNullable(connecting);
    }

    /**
     * {@code connect}: listens on {@code xero.redirect-uri} (as the CLI does; the state, PKCE verifier and code stay
     * in this process) and returns the consent address for the operator's browser; the tokens of the one organisation
     * consented (or of {@code xero.tenant-id}) are stored encrypted when Xero sends the browser back.
     */
    public synchronized Outcome connect(String user) {
        if (!standardApp()) {
            return remember(new Outcome(Instant.now(), user, "connect", false,
                    "xero.grant=client_credentials: a custom connection needs no connect step."));
        }
        if (connecting != null && !connecting.result().isDone()) {
            return new Outcome(Instant.now(), user, "connect", true, "A connect is already waiting for Xero: open its address below.");
        }
        XeroIdentity identity = new XeroIdentity(xero, xero.connect(), xeroRestClient);
        AuthorizationCodeFlow flow;
        try {
            tokenStore();   // a malformed key is reported now, not after the consent
            flow = AuthorizationCodeFlow.listen(xero.connect().redirectUri());
        } catch (IllegalArgumentException e) {
            return remember(new Outcome(Instant.now(), user, "connect", false, e.getMessage()));
        }
        String url = identity.authorizationUrl(flow.redirectUri(), flow.state(), flow.codeChallenge());
        Future<String> result = launcher.submit(() -> {
            try (flow) {
                String message = finishConnect(flow, identity);
                remember(new Outcome(Instant.now(), user, "connect", message.startsWith("Connected"), message));
                return message;
            }
        });
        connecting = new ConnectAttempt(url, flow.redirectUri(), Instant.now(), result);
        return new Outcome(Instant.now(), user, "connect", true, "Open Xero's consent screen, sign in and allow access.");
    }

    private String finishConnect(AuthorizationCodeFlow flow, XeroIdentity identity) throws InterruptedException {
        AuthorizationCodeFlow.Callback callback;
        try {
            callback = flow.await(xero.connect().callbackTimeout());
        } catch (TimeoutException e) {
            return "No answer from Xero in time; nothing was stored.";
        }
        if (callback instanceof AuthorizationCodeFlow.Denied denied) {
            return "Xero did not grant access: " + denied.error() + ". Nothing was stored.";
        }
        try {
            XeroIdentity.Tokens tokens = flow.exchange(identity, (AuthorizationCodeFlow.Code) callback);
            if (tokens.refreshToken() == null) {
                return "Xero issued no refresh token: xero.scopes must include offline_access. Nothing was stored.";
            }
            List<XeroIdentity.Organisation> organisations = new ArrayList<>(identity.connections(tokens.accessToken()));
            String configured = env.getProperty("xero.tenant-id");
            if (organisations.size() > 1 && configured != null && !configured.isBlank()) {
                organisations.removeIf(o -> !o.tenantId().equalsIgnoreCase(configured.strip()));
            }
            if (organisations.size() != 1) {
                return "The consent connected " + organisations.size() + " organisations: set xero.tenant-id, or use the "
                        + "connect command with --tenant. Nothing was stored.";
            }
            XeroIdentity.Organisation chosen = organisations.get(0);
            tokenStore().saveConnection(new TokenStore.TokenSet(tokens.refreshToken(), tokens.accessToken(),
                    Instant.now().plusSeconds(tokens.expiresInSeconds()), chosen.tenantId()), chosen.tenantName(), chosen.connectionId());
            return "Connected to " + chosen.tenantName() + " (tenant " + chosen.tenantId() + "); the tokens are stored encrypted.";
        } catch (XeroApiException e) {
            return e.getMessage() + ". Nothing was stored.";
        }
    }

    @Override
    public void destroy() {
        launcher.shutdown();
    }
}
