package io.cscartxero.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP server that answers like Xero for the endpoints the connector uses: OAuth 2.0 identity
 * ({@code /connect/token}, {@code /connect/revocation}, {@code /identity/connect/authorize}, {@code /connections})
 * and the Accounting API ({@code /api.xro/2.0}): Contacts, Items, Invoices, Payments and the read-only Accounts,
 * TaxRates, Currencies and Organisation, with Xero's rate limits, Idempotency-Key semantics, validation messages,
 * rounding and error bodies. Test double for integration tests and a standalone tool ({@link SandboxMain}).
 * <p>
 * Each tenant starts with a seeded organisation (chart of accounts, tax rates, currencies: see {@link OrgSettings}).
 * <p>
 * Listens on the loopback interface only. Thread-safe; requests run on a pool of 16 threads.
 */
public final class XeroSandbox implements AutoCloseable {

    static final String API_PREFIX = "/api.xro/2.0";
    static final int THREADS = 16;
    /** "A single POST ... has a size limit of 3.5MB" (Xero's API docs: request size and elements per call). */
    static final int MAX_BODY_BYTES = 3_670_016;

    private final SandboxSettings settings;
    private final SandboxClock clock = new SandboxClock();
    private final SandboxStats stats = new SandboxStats();
    private final TokenStore tokens;
    private final SandboxFaults faults;
    private final RateLimits limits;
    private final IdempotencyCache idempotency;
    private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();
    private final OAuthEndpoints oauth;
    private final TenantApi api;
    private final ControlEndpoints control;
    private final HttpServer server;
    private final ExecutorService executor;
    private final String baseUrl;

    private XeroSandbox(SandboxSettings settings) throws IOException {
        this.settings = settings;
        this.tokens = new TokenStore(settings, clock);
        this.faults = new SandboxFaults(tokens::expireAll);
        this.limits = new RateLimits(settings, clock, clock::nanoTime);
        this.idempotency = new IdempotencyCache(clock, settings.idempotencyTtl());
        this.oauth = new OAuthEndpoints(tokens, limits, clock);
        this.api = new TenantApi(tokens, limits, faults, stats, idempotency, clock, this::tenant);
        this.control = new ControlEndpoints(this);
        tenant(settings.tenantId());
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()), 128);
        this.executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        this.baseUrl = "http://localhost:" + server.getAddress().getPort();
    }

    /** Starts a sandbox; port 0 picks a free port. */
    public static XeroSandbox start(SandboxSettings settings) {
        try {
            return new XeroSandbox(settings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Xero sandbox on port " + settings.port(), e);
        }
    }

    /** {@code http://localhost:<port>} */
    public String baseUrl() {
        return baseUrl;
    }

    /** Base of the Accounting API: {@code baseUrl() + "/api.xro/2.0"}. */
    public String apiUrl() {
        return baseUrl + API_PREFIX;
    }

    /** Base of the identity endpoints; the token endpoint is {@code identityUrl() + "/connect/token"}. */
    public String identityUrl() {
        return baseUrl;
    }

    public SandboxSettings settings() {
        return settings;
    }

    public SandboxClock clock() {
        return clock;
    }

    public SandboxFaults faults() {
        return faults;
    }

    public SandboxStats stats() {
        return stats;
    }

    /**
     * Clears contacts, items, invoices, payments, stats, faults, tokens, rate-limit windows and idempotency keys, and
     * restores the seeded organisation (accounts, currencies, no lock dates); not the clock offset.
     */
    public void reset() {
        tenants.values().forEach(Tenant::reset);
        stats.reset();
        faults.clear();
        tokens.reset();
        limits.reset();
        idempotency.reset();
    }

    /**
     * As if a user consented in the browser: a code for one {@code authorization_code} exchange with this
     * redirect URI, valid for 10 minutes. The scope decides what the tokens may do ({@code offline_access} for a
     * refresh token, {@code accounting.contacts} for Contacts).
     */
    public String issueAuthorizationCode(String redirectUri, String scope) {
        return tokens.issueCode(settings.clientId(), redirectUri, scope);
    }

    /**
     * Adds an organisation that every later consent also connects (GET /connections then lists several tenants, as
     * for a user who ticks several organisations on Xero's consent screen). Custom connections stay with one.
     */
    public void addOrganisation(String tenantId, String tenantName) {
        tenants.computeIfAbsent(tenantId, id -> new Tenant(id, tenantName, clock));
        tokens.addTenant(tenantId, tenantName);
    }

    /**
     * A custom connection for one organisation (added as by {@link #addOrganisation} if new): its own client id and
     * secret, whose {@code client_credentials} token is connected to that organisation only, as Xero's custom
     * connections are. Several organisations each with their own credentials: one call per organisation.
     */
    public void addCustomConnection(String clientId, String clientSecret, String tenantId, String tenantName) {
        tenants.computeIfAbsent(tenantId, id -> new Tenant(id, tenantName, clock));
        tokens.addCustomConnection(clientId, clientSecret, tenantId, tenantName);
    }

    /**
     * The organisation disconnects this app: its API calls answer 403 AuthenticationUnsuccessful, its custom
     * connection's token requests 400 invalid_client, refreshing a consent that connected it alone 400 invalid_grant.
     * Other organisations, even in the same consent, are not affected. Undone by {@link #reset()}.
     */
    public void revokeOrganisation(String tenantId) {
        tokens.revokeTenant(tenantId);
    }

    /** Organisations revoked by {@link #revokeOrganisation}. */
    public java.util.Set<String> revokedOrganisations() {
        return tokens.revokedTenants();
    }

    /** Snapshot of every contact of the default tenant, archived included, oldest update first. */
    public List<SandboxContact> contacts() {
        return contacts(settings.tenantId());
    }

    /** Snapshot of every contact of one organisation, archived included, oldest update first. */
    public List<SandboxContact> contacts(String tenantId) {
        return store(tenantId).all().stream()
                .sorted(Comparator.comparing(StoredContact::updatedDateUtc)
                        .thenComparing(StoredContact::contactId))
                .map(c -> new SandboxContact(c.contactId(), c.contactNumber(), c.name(), c.firstName(), c.lastName(),
                        c.emailAddress(), c.contactStatus(), ContactJson.addressMaps(c), ContactJson.phoneMaps(c),
                        c.updatedDateUtc()))
                .toList();
    }

    /** Snapshot of every item of the default tenant, ordered by Code. */
    public List<SandboxItem> items() {
        return items(settings.tenantId());
    }

    /** Snapshot of every item of one organisation, ordered by Code. */
    public List<SandboxItem> items(String tenantId) {
        return tenant(tenantId).items.all().stream()
                .sorted(Comparator.comparing((StoredItem i) -> i.code().toLowerCase(java.util.Locale.ROOT)))
                .map(i -> new SandboxItem(i.itemId(), i.code(), i.name(), i.description(),
                        i.salesDetails().unitPrice(), i.salesDetails().accountCode(), i.salesDetails().taxType(),
                        i.tracked(), i.updatedDateUtc()))
                .toList();
    }

    /** Snapshot of every invoice of the default tenant (all statuses), oldest update first. */
    public List<SandboxInvoice> invoices() {
        return invoices(settings.tenantId());
    }

    /** Snapshot of every invoice of one organisation (all statuses), oldest update first. */
    public List<SandboxInvoice> invoices(String tenantId) {
        return tenant(tenantId).invoices.all().stream()
                .sorted(Comparator.comparing(StoredInvoice::updatedDateUtc).thenComparing(StoredInvoice::invoiceId))
                .map(XeroSandbox::snapshot)
                .toList();
    }

    /** Snapshot of every credit note of the default tenant, oldest update first. */
    public List<SandboxCreditNote> creditNotes() {
        Tenant tenant = defaultTenant();
        return tenant.invoices.allCredits().stream()
                .sorted(Comparator.comparing(StoredInvoice::updatedDateUtc).thenComparing(StoredInvoice::invoiceId))
                .map(c -> {
                    SandboxInvoice i = snapshot(c);
                    BigDecimal allocated = tenant.invoices.allocationsOf(c.invoiceId()).stream()
                            .map(InvoiceStore.Allocation::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
                    BigDecimal refunded = tenant.invoices.paymentsOf(c.invoiceId()).stream()
                            .filter(StoredInvoice.Payment::authorised).map(StoredInvoice.Payment::amount)
                            .reduce(BigDecimal.ZERO, BigDecimal::add);
                    return new SandboxCreditNote(c.invoiceId(), c.invoiceNumber(), c.type(), c.status(),
                            c.contactId(), c.lineAmountTypes(), i.lines(), i.subTotal(), i.totalTax(), i.total(),
                            c.remainingCredit(), allocated, refunded);
                })
                .toList();
    }

    /**
     * Pays {@code amount} of an AUTHORISED invoice of the default tenant into account 090, dated today, as
     * {@code PUT /Payments} would; a fully paid invoice becomes PAID.
     *
     * @throws IllegalStateException with Xero's validation message(s) when the payment is refused
     */
    public void pay(String invoiceId, BigDecimal amount) {
        var input = new InvoiceStore.PaymentInput(invoiceId, null, null, "090", null, amount, null, null, null,
                XeroJson.object());
        var outcome = defaultTenant().invoices.pay(List.of(input)).get(0);
        if (!outcome.ok()) throw new IllegalStateException(String.join(" ", outcome.errors()));
    }

    /** Adds an ACTIVE sales account (REVENUE, default tax OUTPUT2) to the default tenant's chart of accounts. */
    public void addSalesAccount(String code, String name) {
        defaultTenant().org.addSalesAccount(code, name);
    }

    /**
     * Test only, to break things behind the connector's back: marks an invoice of the default tenant DELETED whatever
     * its status. Xero's API deletes only DRAFT and SUBMITTED invoices (an approved one is voided), so this is no API
     * call: it stands for an invoice deleted before it was approved, or by a support action.
     *
     * @throws IllegalArgumentException when the tenant has no such invoice
     */
    public void deleteInvoice(String invoiceId) {
        if (!defaultTenant().invoices.forceStatus(invoiceId, "DELETED")) {
            throw new IllegalArgumentException("no invoice " + invoiceId);
        }
    }

    /** Archives an account of the default tenant's chart (by code); lines and items can no longer use it. */
    public void archiveAccount(String code) {
        defaultTenant().org.archiveAccount(code);
    }

    /**
     * Adds a custom ACTIVE tax rate to the default tenant (e.g. {@code addTaxRate("SALES825", "Sales tax 8.25%",
     * new BigDecimal("8.25"))}), usable on every account; an existing TaxType is replaced.
     */
    public void addTaxRate(String taxType, String name, BigDecimal ratePercent) {
        defaultTenant().org.addTaxRate(taxType, name, ratePercent);
    }

    /** {@link #addTaxRate(String, String, BigDecimal)} for one organisation. */
    public void addTaxRate(String tenantId, String taxType, String name, BigDecimal ratePercent) {
        tenant(tenantId).org.addTaxRate(taxType, name, ratePercent);
    }

    /** {@link #addSalesAccount(String, String)} for one organisation. */
    public void addSalesAccount(String tenantId, String code, String name) {
        tenant(tenantId).org.addSalesAccount(code, name);
    }

    /**
     * Sets the default tenant's Organisation.CountryCode (seeded: US). AU, NZ and GB organisations require a
     * ReportTaxType on new tax rates; others refuse one.
     */
    public void setCountryCode(String code) {
        defaultTenant().org.setCountryCode(code);
    }

    /** Subscribes the default tenant to a currency (ISO 4217 code), as {@code PUT /Currencies} would. */
    public void addCurrency(String code) {
        defaultTenant().org.addCurrency(code);
    }

    /** Sets (or, with null, clears) the default tenant's period lock date: documents on or before it are locked. */
    public void setPeriodLockDate(LocalDate date) {
        defaultTenant().org.setPeriodLockDate(date);
    }

    /** Sets (or, with null, clears) the default tenant's end-of-year lock date. */
    public void setEndOfYearLockDate(LocalDate date) {
        defaultTenant().org.setEndOfYearLockDate(date);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    ContactStore store(String tenantId) {
        return tenant(tenantId).contacts;
    }

    Tenant tenant(String tenantId) {
        return tenants.computeIfAbsent(tenantId, id -> new Tenant(id,
                id.equals(settings.tenantId()) ? settings.tenantName() : id, clock));
    }

    private Tenant defaultTenant() {
        return tenant(settings.tenantId());
    }

    private static List<String> trackingOf(tools.jackson.databind.node.ArrayNode tracking) {
        List<String> out = new java.util.ArrayList<>();
        tracking.forEach(t -> out.add(t.path("Name").asString("") + ": " + t.path("Option").asString("")));
        return out;
    }

    /**
     * The default tenant's tracking categories with their options, as "Category [STATUS]: Option, Option" (archived
     * ones included), in creation order.
     */
    public List<String> trackingCategories() {
        List<String> out = new java.util.ArrayList<>();
        for (TrackingStore.Category c : defaultTenant().org.tracking().all()) {
            out.add(c.name + " [" + c.status + "]: " + String.join(", ", c.options.stream()
                    .map(o -> "ACTIVE".equals(o.status) ? o.name : o.name + " [" + o.status + "]").toList()));
        }
        return out;
    }

    private static SandboxInvoice snapshot(StoredInvoice i) {
        List<SandboxLine> lines = i.lines().stream()
                .map(l -> new SandboxLine(l.lineItemId(), l.description(), l.quantity(), l.unitAmount(), l.itemCode(),
                        l.accountCode(), l.taxType(), l.taxAmount(), l.lineAmount(), trackingOf(l.tracking())))
                .toList();
        return new SandboxInvoice(i.invoiceId(), i.invoiceNumber(), i.reference(), i.type(), i.status(),
                i.contactId(), i.currencyCode(), i.lineAmountTypes(), lines, i.totals().subTotal(),
                i.totals().totalTax(), i.totals().total(), i.amountPaid(), i.date(), i.dueDate(),
                i.updatedDateUtc(), i.amountCredited());
    }

    // ---- HTTP ----

    private void handle(HttpExchange exchange) {
        try {
            String path = normalisePath(exchange.getRequestURI().getPath());
            String rawQuery = exchange.getRequestURI().getRawQuery();
            Map<String, String> headers = lowerCaseHeaders(exchange);
            byte[] body = readBody(exchange.getRequestBody());
            SandboxRequest request = SandboxRequest.of(exchange.getRequestMethod(), path, rawQuery, headers,
                    body == null ? new byte[0] : body);
            boolean controlCall = path.startsWith("/sandbox/");
            SandboxResponse response = body == null ? tooLarge() : route(request);
            if (!controlCall) stats.record(recorded(request, response.status()), attributedTenant(request));
            if (response == TenantApi.DROPPED) {
                exchange.close(); // no status line sent: HttpServer closes the socket, the client gets an I/O error
                return;
            }
            send(exchange, response);
        } catch (IOException | RuntimeException e) {
            exchange.close();
        }
    }

    /**
     * The organisation a call is for, for the per-organisation stats: an API call's {@code xero-tenant-id} (as the
     * sandbox knows it), else the sole organisation of its bearer token (or of its custom connection); a token request of a custom
     * connection.
     */
    private String attributedTenant(SandboxRequest request) {
        String lower = request.path().toLowerCase(Locale.ROOT);
        if (lower.startsWith(API_PREFIX.toLowerCase(Locale.ROOT) + "/")) {
            String header = request.header("xero-tenant-id");
            if (header != null && !header.isBlank()) {
                String wanted = header.trim();
                for (String known : tenants.keySet()) {
                    if (known.equalsIgnoreCase(wanted)) return known;
                }
                return wanted;
            }
            String auth = request.header("Authorization");
            if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
            TokenStore.AccessToken token = tokens.findAccessToken(auth.substring(7).trim());
            if (token == null) return null;
            String sole = tokens.soleTenant(token.grant);
            return sole != null ? sole : tokens.tenantOfClient(token.grant.clientId); // a revoked custom connection
        }
        if (lower.equals("/connect/token") && request.header("Content-Type") != null) {
            String[] client = OAuthEndpoints.clientCredentials(request,
                    SandboxRequest.parseForm(request.bodyText()));
            return client == null ? null : tokens.tenantOfClient(client[0]);
        }
        return null;
    }

    private SandboxResponse route(SandboxRequest request) {
        String path = request.path();
        String lower = path.toLowerCase(Locale.ROOT);
        try {
            if (lower.startsWith("/sandbox/")) return control.handle(request, path.substring("/sandbox".length()));
            if (lower.equals("/connect/token")) return oauth.token(request);
            if (lower.equals("/connect/revocation")) return oauth.revocation(request);
            if (lower.equals("/identity/connect/authorize") || lower.equals("/connect/authorize")) {
                return oauth.authorize(request);
            }
            if (lower.equals("/connections") || lower.startsWith("/connections/")) {
                return oauth.connections(request, path.substring("/connections".length()));
            }
            if (lower.startsWith(API_PREFIX.toLowerCase(Locale.ROOT) + "/")) {
                return api.handle(request, path.substring(API_PREFIX.length()));
            }
            return XeroErrors.notFound();
        } catch (XeroApiException e) {
            return e.response();
        } catch (RuntimeException e) {
            return XeroErrors.unknownError();
        }
    }

    private static void send(HttpExchange exchange, SandboxResponse response) throws IOException {
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        byte[] body = response.body();
        boolean noBody = body.length == 0 || response.status() == 204 || response.status() == 304
                || exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    /** The body, or null when it exceeds the 3.5 MB limit (the rest is drained so the client can read our 413). */
    private static byte[] readBody(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[16 * 1024];
        int n;
        while ((n = in.read(chunk)) > 0) {
            if (buffer.size() + n > MAX_BODY_BYTES) {
                in.transferTo(OutputStream.nullOutputStream());
                return null;
            }
            buffer.write(chunk, 0, n);
        }
        return buffer.toByteArray();
    }

    /** Xero's answer for an oversized body is undocumented; the sandbox sends 413 (unverified). */
    private static SandboxResponse tooLarge() {
        return SandboxResponse.text(413, "Request Entity Too Large: the request body exceeds the 3.5 MB limit.");
    }

    private static Map<String, String> lowerCaseHeaders(HttpExchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
        return headers;
    }

    private static RecordedRequest recorded(SandboxRequest request, int status) {
        String body = new String(request.body(), StandardCharsets.UTF_8);
        if (body.length() > SandboxStats.MAX_BODY_CHARS) body = body.substring(0, SandboxStats.MAX_BODY_CHARS);
        return new RecordedRequest(request.method(), request.path(), request.rawQuery(), request.headers(), body,
                status);
    }

    private static String normalisePath(String path) {
        if (path == null || path.isEmpty()) return "/";
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "xero-sandbox-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
