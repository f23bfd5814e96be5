package io.cscartxero.console;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.cscartxero.check.CheckLine;
import io.cscartxero.check.FirstRunCheck;
import io.cscartxero.check.FirstRunChecks;
import io.cscartxero.ops.AutoSync;
import io.cscartxero.reconcile.Difference;
import io.cscartxero.ops.JobSpec;
import io.cscartxero.xero.DailyCallsLeft;
import io.cscartxero.xero.XeroCallMetrics;
import io.cscartxero.xero.XeroProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's pages under {@code /console}: dashboard, executions (run, restart, stop), error log (search, CSV),
 * setup (check, connection), reconciliation, charts and the audit log. Every action is a POST (CSRF-checked by Spring
 * Security) and is audited; pages only read.
 */
@Controller
@ConditionalOnConsole
@RequestMapping("/console")
public class ConsoleController {

    /** Xero's daily limit per organisation (calls per day). */
    static final long DAY_LIMIT = 5000;

    private final ConsoleQueries queries;
    private final ConsoleActions actions;
    private final ConsoleAudit audit;
    private final RecordLinks links;
    private final DailyCallsLeft dailyCallsLeft;
    private final XeroCallMetrics metrics;
    private final XeroProperties xero;
    private final ObjectProvider<AutoSync> autoSync;
    private final ConsoleFormat fmt = new ConsoleFormat();

    public ConsoleController(ConsoleQueries queries, ConsoleActions actions, ConsoleAudit audit, RecordLinks links,
            DailyCallsLeft dailyCallsLeft, XeroCallMetrics metrics, XeroProperties xero, ObjectProvider<AutoSync> autoSync) {
        this.queries = queries;
        this.actions = actions;
        this.audit = audit;
        this.links = links;
        this.dailyCallsLeft = dailyCallsLeft;
        this.metrics = metrics;
        this.xero = xero;
        this.autoSync = autoSync;
    }

    @ModelAttribute
    void common(Model model, Principal principal) {
        model.addAttribute("user", principal == null ? null : principal.getName());
        model.addAttribute("fmt", fmt);
        model.addAttribute("links", links);
    }

    @GetMapping("/login")
    String login() {
        return "console/login";
    }

    // ---- dashboard ----

    public record JobLine(String job, String direction, ConsoleQueries.Execution last, String nextRun, long errors, long lastRunErrors) {
    }

    @GetMapping({ "", "/" })
    String dashboard(Model model) {
        Instant now = Instant.now();
        Map<String, JobSpec> specs = actions.specs();
        Map<String, ConsoleQueries.Execution> last = queries.lastRuns(specs.keySet());
        Map<String, long[]> errors = queries.errorCounts();
        AutoSync sync = autoSync.getIfAvailable();
        List<JobLine> jobs = new ArrayList<>();
        specs.forEach((name, spec) -> {
            long[] e = errors.getOrDefault(name, new long[2]);
            String next = sync == null ? null : sync.nextRun(name, now).map(fmt::time).orElse(null);
            jobs.add(new JobLine(name, spec.direction(), last.get(name), next == null ? "not scheduled" : next, e[0], e[1]));
        });
        model.addAttribute("jobs", jobs);
        callsLeft(model);
        List<ConsoleQueries.ReconcileRun> runs = queries.reconcileRuns(1);
        model.addAttribute("reconcile", runs.isEmpty() ? null : runs.get(0));
        model.addAttribute("reconcileKinds", runs.isEmpty() ? Map.of() : queries.differenceKinds(runs.get(0).id()));
        return "console/dashboard";
    }

    private void callsLeft(Model model) {
        long live = metrics.dayRemainingValue();
        Optional<DailyCallsLeft.Reading> saved = dailyCallsLeft.last();
        model.addAttribute("callsLeft", live >= 0 ? fmt.number(live) + " (as Xero reported it on the last call of this process)"
                : saved.map(r -> fmt.number(r.remaining()) + " (as Xero reported it at " + fmt.time(r.reportedAt()) + ")")
                        .orElse("unknown (no call to Xero recorded yet)"));
        model.addAttribute("dayLimit", fmt.number(DAY_LIMIT));
    }

    /** The tenants configured (issue 14): the executions and the error log get a tenant column and filter. */
    private java.util.SortedSet<String> tenants() {
        return io.cscartxero.tenant.Tenants.configured(environment);
    }

    @org.springframework.beans.factory.annotation.Autowired
    private org.springframework.core.env.Environment environment;

    // ---- executions ----

    @GetMapping("/executions")
    String executions(@RequestParam(required = false) String job, @RequestParam(required = false) String status,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String tenant, Model model) {
        model.addAttribute("executions", queries.executions(job, status, from, to, tenant, ConsoleQueries.PAGE));
        model.addAttribute("tenants", tenants());
        model.addAttribute("tenant", tenant);
        model.addAttribute("specs", actions.specs());
        model.addAttribute("job", job);
        model.addAttribute("status", status);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("statuses", List.of("COMPLETED", "FAILED", "STOPPED", "STARTED", "STOPPING", "ABANDONED"));
        model.addAttribute("recent", actions.recent());
        return "console/executions";
    }

    @GetMapping("/executions/{id}")
    String execution(@PathVariable long id, Model model) {
        ConsoleQueries.Execution execution = queries.execution(id);
        if (execution == null) {
            model.addAttribute("missing", id);
            return "console/execution";
        }
        model.addAttribute("execution", execution);
        model.addAttribute("parameters", queries.parameters(id));
        model.addAttribute("steps", queries.steps(id));
        model.addAttribute("errors", queries.errors(ConsoleQueries.ErrorFilter.of(null, null, null, null, id), 500));
        model.addAttribute("tenants", tenants());
        return "console/execution";
    }

    @PostMapping("/executions/run")
    String run(@RequestParam String job, @RequestParam(required = false) String since, @RequestParam(required = false) String statuses,
            @RequestParam(required = false) String ids, @RequestParam(defaultValue = "false") boolean full, Principal principal,
            HttpServletRequest request, RedirectAttributes redirect) {
        JobSpec spec = actions.specs().get(job);
        ConsoleActions.Outcome outcome;
        if (spec == null) {
            outcome = new ConsoleActions.Outcome(Instant.now(), principal.getName(), "run " + job, false, "Unknown job '" + job + "'");
        } else {
            Map<String, String> parameters;
            try {
                parameters = ConsoleActions.parameters(spec, since, statuses, ids, full);
                outcome = actions.run(principal.getName(), job, parameters);
            } catch (IllegalArgumentException e) {
                outcome = new ConsoleActions.Outcome(Instant.now(), principal.getName(), "run " + job, false, e.getMessage());
            }
        }
        audit.record(principal.getName(), ConsoleAudit.RUN, outcome.action(), request, outcome.message());
        redirect.addFlashAttribute("outcome", outcome);
        return "redirect:/console/executions";
    }

    @PostMapping("/executions/{id}/restart")
    String restart(@PathVariable long id, Principal principal, HttpServletRequest request, RedirectAttributes redirect) {
        ConsoleActions.Outcome outcome = actions.restart(principal.getName(), id);
        audit.record(principal.getName(), ConsoleAudit.RESTART, "execution " + id, request, outcome.message());
        redirect.addFlashAttribute("outcome", outcome);
        return "redirect:/console/executions";
    }

    @PostMapping("/executions/{id}/stop")
    String stop(@PathVariable long id, Principal principal, HttpServletRequest request, RedirectAttributes redirect) {
        ConsoleActions.Outcome outcome = actions.stop(principal.getName(), id);
        audit.record(principal.getName(), ConsoleAudit.STOP, "execution " + id, request, outcome.message());
        redirect.addFlashAttribute("outcome", outcome);
        return "redirect:/console/executions/" + id;
    }

    // ---- error log ----

    @GetMapping("/errors")
    String errors(@RequestParam(required = false) String job, @RequestParam(required = false) String entity,
            @RequestParam(required = false) String cscartId, @RequestParam(required = false) String q,
            @RequestParam(required = false) Long execution, @RequestParam(required = false) String tenant, Model model) {
        ConsoleQueries.ErrorFilter filter = ConsoleQueries.ErrorFilter.of(job, entity, cscartId, q, execution, tenant);
        model.addAttribute("filter", filter);
        model.addAttribute("tenants", tenants());
        model.addAttribute("errors", queries.errors(filter, ConsoleQueries.PAGE * 5));
        model.addAttribute("jobNames", actions.specs().keySet());
        model.addAttribute("entities", queries.errorEntities());
        model.addAttribute("limit", ConsoleQueries.PAGE * 5);
        return "console/errors";
    }

    @GetMapping("/errors.csv")
    void errorsCsv(@RequestParam(required = false) String job, @RequestParam(required = false) String entity,
            @RequestParam(required = false) String cscartId, @RequestParam(required = false) String q,
            @RequestParam(required = false) Long execution, Principal principal, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        ConsoleQueries.ErrorFilter filter = ConsoleQueries.ErrorFilter.of(job, entity, cscartId, q, execution);
        List<ConsoleQueries.ErrorRow> rows = queries.errors(filter, Integer.MAX_VALUE);
        audit.record(principal.getName(), ConsoleAudit.CSV_DOWNLOAD, "errors " + filter.describe(), request, rows.size() + " rows");
        response.setContentType("text/csv;charset=UTF-8");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Disposition", "attachment; filename=\"cscart-xero-errors.csv\"");
        PrintWriter out = response.getWriter();
        out.print(ErrorsCsv.HEADER);
        for (ConsoleQueries.ErrorRow r : rows) {
            out.print(ErrorsCsv.row(r));
        }
        out.flush();
    }

    // ---- setup ----

    @GetMapping("/setup")
    String setup(Model model) {
        model.addAttribute("standardApp", actions.standardApp());
        model.addAttribute("grant", xero.grant());
        model.addAttribute("connection", actions.connection().orElse(null));
        model.addAttribute("connecting", actions.connecting().filter(c -> !c.result().isDone()).orElse(null));
        model.addAttribute("recent", actions.recent());
        return "console/setup";
    }

    @PostMapping("/setup/check")
    String check(@RequestParam(defaultValue = "false") boolean exportsOnly, Principal principal, HttpServletRequest request, Model model) {
        List<FirstRunChecks.Part> parts = actions.check(exportsOnly);
        List<CheckLine> lines = parts.stream().flatMap(p -> p.lines().stream()).toList();
        long failed = lines.stream().filter(l -> !l.ok()).count();
        audit.record(principal.getName(), ConsoleAudit.CHECK, exportsOnly ? "exports only" : "all", request,
                failed == 0 ? "all " + lines.size() + " passed" : failed + " of " + lines.size() + " failed");
        Map<String, List<CheckLine>> groups = new LinkedHashMap<>();
        for (FirstRunChecks.Part part : parts) {
            if (!part.lines().isEmpty()) {
                groups.computeIfAbsent(checkGroup(part.order()), k -> new ArrayList<>()).addAll(part.lines());
            }
        }
        model.addAttribute("checkGroups", groups);
        model.addAttribute("checkFailed", failed);
        model.addAttribute("checkTotal", lines.size());
        return setup(model);
    }

    /** The setup page's heading for a check, by its {@code @Order} ({@link FirstRunCheck}'s constants). */
    static String checkGroup(int order) {
        return switch (order) {
            case FirstRunCheck.ACCOUNT_PLAN -> "Revenue-account plan";
            case FirstRunCheck.TAX_PLAN -> "Tax plan";
            case FirstRunCheck.PAYMENT_PLAN -> "Payment-account plan";
            case FirstRunCheck.REFUND_PLAN -> "Refund plan";
            case FirstRunCheck.TRACKING_PLAN -> "Tracking plan";
            default -> order >= FirstRunCheck.XERO_CONNECTION && order <= FirstRunCheck.XERO_TAX_TYPES ? "Xero" : "Store and connector";
        };
    }

    @PostMapping("/setup/connect")
    String connect(Principal principal, HttpServletRequest request, RedirectAttributes redirect) {
        ConsoleActions.Outcome outcome = actions.connect(principal.getName());
        audit.record(principal.getName(), ConsoleAudit.CONNECT, "xero.redirect-uri " + xero.connect().redirectUri(), request, outcome.message());
        redirect.addFlashAttribute("outcome", outcome);
        return "redirect:/console/setup";
    }

    @PostMapping("/setup/disconnect")
    String disconnect(@RequestParam(defaultValue = "false") boolean force, Principal principal, HttpServletRequest request,
            RedirectAttributes redirect) {
        ConsoleActions.Outcome outcome = actions.disconnect(principal.getName(), force);
        audit.record(principal.getName(), ConsoleAudit.DISCONNECT, force ? "force" : null, request, outcome.message());
        redirect.addFlashAttribute("outcome", outcome);
        return "redirect:/console/setup";
    }

    // ---- reconciliation ----

    @GetMapping("/reconciliation")
    String reconciliation(@RequestParam(required = false) Long run, @RequestParam(required = false) String kind,
            @RequestParam(required = false) String entity, @RequestParam(required = false) Boolean repairable,
            @RequestParam(required = false) String cscartId, Model model) {
        List<ConsoleQueries.ReconcileRun> runs = queries.reconcileRuns(50);
        ConsoleQueries.ReconcileRun selected = runs.stream().filter(r -> run == null || r.id() == run).findFirst().orElse(null);
        model.addAttribute("runs", runs);
        model.addAttribute("selected", selected);
        model.addAttribute("kind", kind);
        model.addAttribute("entity", entity);
        model.addAttribute("repairable", repairable);
        model.addAttribute("cscartId", cscartId);
        model.addAttribute("canRun", actions.specs().containsKey(RECONCILE_JOB));
        model.addAttribute("recent", actions.recent().stream().filter(o -> o.action().startsWith("run " + RECONCILE_JOB)).toList());
        if (selected != null) {
            Map<String, Long> kinds = queries.differenceKinds(selected.id());
            model.addAttribute("kinds", kinds);
            // every kind this build knows, and any other the run recorded (a newer or older build's): all can be filtered
            java.util.Set<String> kindNames = new java.util.TreeSet<>(kinds.keySet());
            for (Difference.Kind k : Difference.Kind.values()) {
                kindNames.add(k.name());
            }
            if (kind != null && !kind.isBlank()) {
                kindNames.add(kind);
            }
            model.addAttribute("kindNames", kindNames);
            java.util.Set<String> entityNames = new java.util.TreeSet<>(List.of("CONTACT", "INVOICE", "ITEM", "PAYMENT"));
            entityNames.addAll(queries.differenceEntities(selected.id()));
            model.addAttribute("entityNames", entityNames);
            model.addAttribute("differences", queries.differences(selected.id(), kind, entity, repairable, cscartId, ConsoleQueries.PAGE * 5));
        }
        return "console/reconciliation";
    }

    static final String RECONCILE_JOB = "reconcileJob";

    /** Runs reconcileJob for a period, as the executions page's run button does (JobLaunchService, audited). */
    @PostMapping("/reconciliation/run")
    String runReconciliation(@RequestParam(required = false) String since, @RequestParam(required = false) String until,
            Principal principal, HttpServletRequest request, RedirectAttributes redirect) {
        JobSpec spec = actions.specs().get(RECONCILE_JOB);
        ConsoleActions.Outcome outcome;
        if (spec == null) {
            outcome = new ConsoleActions.Outcome(Instant.now(), principal.getName(), "run " + RECONCILE_JOB, false,
                    RECONCILE_JOB + " is not available in this process");
        } else {
            Map<String, String> parameters = new LinkedHashMap<>();
            if (since != null && !since.isBlank()) {
                parameters.put("since", since.strip());
            }
            if (until != null && !until.isBlank()) {
                parameters.put("until", until.strip());
            }
            outcome = actions.run(principal.getName(), RECONCILE_JOB, parameters);
        }
        audit.record(principal.getName(), ConsoleAudit.RUN, outcome.action(), request, outcome.message());
        redirect.addFlashAttribute("outcome", outcome);
        return "redirect:/console/reconciliation";
    }

    // ---- charts ----

    @GetMapping("/charts")
    String charts(Model model) {
        long perHour = (long) xero.callsPerWindow() * Math.max(1, 3600 / Math.max(1, xero.window().toSeconds()));
        List<ConsoleQueries.Bar> calls = queries.callsPerHour(Instant.now(), 24);
        model.addAttribute("callsChart", SvgChart.of(calls, perHour, "limit " + fmt.number(perHour) + "/h ("
                + xero.callsPerWindow() + " per " + xero.window().toSeconds() + " s)", 720, 220));
        model.addAttribute("callsLast24h", fmt.number(calls.stream().mapToLong(ConsoleQueries.Bar::value).sum()));
        model.addAttribute("recordsChart", SvgChart.of(queries.recordsPerDay(LocalDate.now(), 30), 0, null, 720, 220));
        callsLeft(model);
        return "console/charts";
    }

    // ---- audit ----

    @GetMapping("/audit")
    String audit(Model model) {
        model.addAttribute("entries", audit.recent(500));
        return "console/audit";
    }
}
