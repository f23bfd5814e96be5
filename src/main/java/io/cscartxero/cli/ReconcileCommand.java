package io.cscartxero.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cscartxero.infra.DataDirectory;
import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.reconcile.Difference;
import io.cscartxero.reconcile.ReconcileCsv;
import io.cscartxero.reconcile.ReconcileJobConfiguration;
import io.cscartxero.reconcile.ReconcileRepair;
import io.cscartxero.reconcile.ReconcileReport;
import io.cscartxero.sync.SyncProperties;
import io.cscartxero.xero.XeroProperties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code reconcile}: runs reconcileJob for a period and prints its report (or, with {@code --last}, the last report
 * without a run); {@code --csv FILE} writes the report under {@code sync.report-dir}; {@code --repair} re-queues the
 * last report's repairable differences for the normal jobs (it writes only the connector database). Exit 0 when the
 * store and Xero agree, 3 when differences were found, 1 when the run failed, 2 on usage errors.
 */
@Command(name = "reconcile", description = "Compare the store with Xero for a period and report every difference (read-only);"
        + " --repair re-queues the repairable ones for the normal jobs.")
final class ReconcileCommand implements Cli.AppCommand {

    @Option(names = "--since", description = "orders placed on or after this day (yyyy-mm-dd, store time zone)")
    LocalDate since;

    @Option(names = "--until", description = "orders placed on or before this day (yyyy-mm-dd, store time zone)")
    LocalDate until;

    @Option(names = "--read", description = "how Xero is read: auto (default), list (paged list of the period), ids (batches of 40)")
    String read;

    @Option(names = "--csv", paramLabel = "FILE", description = "also write the report as CSV: a new file in sync.report-dir (0600)")
    String csv;

    @Option(names = "--last", description = "print the last report instead of running")
    boolean last;

    @Option(names = "--repair", description = "re-queue the last report's repairable differences for the normal jobs")
    boolean repair;

    @Option(names = "--limit", defaultValue = "200", description = "differences printed (default 200; the CSV has all)")
    int limit;

    @Override
    public int call(ConfigurableApplicationContext app, PrintStream out) {
        String tenant = app.getBean(XeroProperties.class).tenantKey();
        ReconcileReport report = app.getBean(ReconcileReport.class);
        if (repair) {
            if (since != null || until != null || last || csv != null) {
                out.println("--repair takes no other option: it re-queues the last report's repairable differences");
                return JobLaunchService.EXIT_USAGE;
            }
            if (report.lastRun(tenant) == null) {
                out.println("No reconciliation report yet: run reconcile first");
                return JobLaunchService.EXIT_USAGE;
            }
            ReconcileRepair.Requeued requeued = app.getBean(ReconcileRepair.class).repairLast(tenant);
            out.println("Re-queued " + requeued.differences() + " repairable difference(s) of the last report. The jobs send them"
                    + " on their next run (serve's next change run included), or now:");
            requeued.byJob().forEach((job, ids) -> out.println("    run " + job + " " + idsParameter(job) + "=" + String.join(",", ids)));
            return JobLaunchService.EXIT_COMPLETED;
        }
        int code = JobLaunchService.EXIT_COMPLETED;
        if (!last) {
            Map<String, String> parameters = new LinkedHashMap<>();
            if (since != null) {
                parameters.put("since", since.toString());
            }
            if (until != null) {
                parameters.put("until", until.toString());
            }
            if (read != null) {
                parameters.put("read", read);
            }
            if (csv != null) {   // refuse a bad name before any Xero call
                try {
                    csvFiles(app).resolve(csv);
                } catch (IllegalArgumentException e) {
                    out.println("--csv " + csv + " is refused: " + e.getMessage());
                    return JobLaunchService.EXIT_USAGE;
                }
            }
            JobLaunchService.Outcome outcome = app.getBean(JobLaunchService.class).run(ReconcileJobConfiguration.JOB, parameters);
            if (outcome.exitCode() != JobLaunchService.EXIT_COMPLETED) {
                out.println(outcome.message());
                return outcome.exitCode();
            }
        }
        ReconcileReport.Run run = report.lastRun(tenant);
        if (run == null) {
            out.println("No reconciliation report yet: run reconcile");
            return JobLaunchService.EXIT_USAGE;
        }
        List<ReconcileReport.Row> rows = report.differences(run.id());
        TextTable table = new TextTable("KIND", "ENTITY", "CS-CART ID", "XERO NUMBER", "STORE", "XERO", "AMOUNT", "REPAIRABLE", "MESSAGE");
        rows.stream().limit(limit).forEach(r -> {
            Difference d = r.difference();
            table.row(d.kind(), d.entity(), d.cscartId(), d.xeroNumber(), d.storeValue(), d.xeroValue(),
                    d.amount() == null ? "" : d.amount().toPlainString(),
                    d.repairable() ? (r.repairedAt() == null ? "yes" : "re-queued") : "no", d.message());
        });
        if (!rows.isEmpty()) {
            table.print(out);
            if (rows.size() > limit) {
                out.println("... " + (rows.size() - limit) + " more (--limit, or --csv FILE for all)");
            }
        }
        out.println(run.summary());
        if (csv != null) {
            try {
                out.println("Report written to " + csvFiles(app).write(csv, run, rows));
            } catch (IllegalArgumentException e) {
                out.println("--csv " + csv + " is refused: " + e.getMessage());
                return JobLaunchService.EXIT_USAGE;
            } catch (IOException e) {
                out.println("Cannot write " + csv + ": " + e.getMessage());
                return JobLaunchService.EXIT_FAILED;
            }
        }
        return rows.isEmpty() ? code : JobLaunchService.EXIT_COMPLETED_WITH_SKIPS;
    }

    private static ReconcileCsv csvFiles(ConfigurableApplicationContext app) {
        return new ReconcileCsv(app.getBean(SyncProperties.class).reportDir(), app.getBean(DataDirectory.class));
    }

    private static String idsParameter(String job) {
        return switch (job) {
            case "customerExportJob" -> "userIds";
            case "productExportJob" -> "productIds";
            default -> "orderIds";
        };
    }
}
