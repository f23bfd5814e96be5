package io.cscartxero.cli;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.cscartxero.check.StoreTaxPlan;
import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.ops.ParameterLists;
import io.cscartxero.tax.TaxCombo;
import io.cscartxero.tax.TaxPlan;
import io.cscartxero.xero.PreflightException;
import io.cscartxero.xero.XeroApiException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code taxes}: every CS-Cart tax with each rate it has (tax_rates, by destination) and each rate seen on the orders
 * orderExportJob would export, the Xero TaxType each will use and why, and the lines to paste. Reads CS-Cart and
 * Xero; writes nothing anywhere. Exit 0 when a run would find a TaxType for every order's taxes, 2 otherwise.
 */
@Command(name = "taxes", description = "Show which Xero tax rate each CS-Cart tax and rate will use (read-only).")
final class TaxesCommand implements Cli.AppCommand {

    @Option(names = "--statuses", description = "order statuses to look at (default: sync.order-statuses)")
    String statuses;

    @Option(names = "--since", description = "only orders placed on or after this date (yyyy-mm-dd)")
    LocalDate since;

    @Override
    public int call(ConfigurableApplicationContext app, PrintStream out) {
        TaxPlan plan;
        try {
            plan = app.getBean(StoreTaxPlan.class).plan(ParameterLists.strings(statuses), since);
        } catch (PreflightException | XeroApiException e) {
            out.println(e.getMessage());
            return JobLaunchService.EXIT_USAGE;
        }
        print(plan, out);
        return plan.ok() ? JobLaunchService.EXIT_COMPLETED : JobLaunchService.EXIT_USAGE;
    }

    /** The plan as a table per CS-Cart tax, then the lines to paste; reusable by {@code check}. */
    static void print(TaxPlan plan, PrintStream out) {
        if (plan.entries().isEmpty()) {
            out.println("CS-Cart has no taxes and no order carries one: every line is sent untaxed.");
            return;
        }
        TextTable table = new TextTable("CS-Cart tax", "rate", "destinations", "orders", "Xero TaxType", "how", "why");
        for (TaxPlan.Entry e : plan.entries()) {
            String taxes = e.combo().taxes().stream().map(t -> t.name().isBlank() ? t.taxId() : t.taxId() + " " + t.name())
                    .collect(Collectors.joining(" + "));
            String rates = e.combo().taxes().stream().map(t -> TaxCombo.plain(t.rate()) + " %").collect(Collectors.joining(" + "));
            String xero = e.taxType() == null ? (e.xeroName() == null ? "-" : "(new) " + e.xeroName())
                    : e.taxType() + (e.xeroName() == null ? "" : " " + e.xeroName());
            table.row(taxes, rates + (e.combo().inclusive() ? " incl." : ""), String.join(", ", e.destinations()),
                    e.orders(), xero, e.resolution().text(), e.why());
        }
        table.print(out);
        Set<String> lines = new LinkedHashSet<>();
        plan.entries().stream().filter(TaxPlan.Entry::blocking).forEach(e -> lines.addAll(e.lines()));
        out.println();
        if (lines.isEmpty()) {
            out.println("Every tax rate on the orders has a Xero tax type. " + plan.summary());
            List<String> pin = plan.entries().stream().filter(e -> e.resolution() == TaxPlan.Resolution.MATCHED)
                    .flatMap(e -> e.lines().stream()).toList();
            if (!pin.isEmpty()) {
                out.println("To pin the matched rates (so a new Xero rate can never change the choice), paste:");
                pin.forEach(l -> out.println("    " + l));
            }
            return;
        }
        out.println(plan.problems());
    }
}
