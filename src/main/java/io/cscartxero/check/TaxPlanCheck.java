package io.cscartxero.check;

import java.util.ArrayList;
import java.util.List;

import io.cscartxero.tax.TaxPlan;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The tax plan line of {@code check}: every CS-Cart tax and rate on the orders orderExportJob would send has a Xero
 * TaxType (mapped, matched, created earlier, or to be created with {@code xero.tax-rates.create-missing}). Read-only,
 * the same plan the {@code taxes} command prints in full.
 */
@Component
@Order(FirstRunCheck.TAX_PLAN)
class TaxPlanCheck implements FirstRunCheck {

    private static final String SUBJECT = "tax plan";

    private final StoreTaxPlan taxPlans;

    TaxPlanCheck(StoreTaxPlan taxPlans) {
        this.taxPlans = taxPlans;
    }

    @Override
    public String subject() {
        return SUBJECT;
    }

    @Override
    public List<CheckLine> check(CheckContext context) {
        if (context.storeTablesUnavailable().isPresent()) {
            return List.of(CheckLine.notChecked(SUBJECT, context.storeTablesUnavailable().get()));
        }
        if (context.xeroUnavailable().isPresent()) {
            return List.of(CheckLine.notChecked(SUBJECT, context.xeroUnavailable().get()));
        }
        TaxPlan plan = taxPlans.plan(null, null);
        if (plan.ok()) {
            return List.of(CheckLine.ok(SUBJECT, plan.summary()));
        }
        List<String> lines = new ArrayList<>();
        plan.entries().stream().filter(TaxPlan.Entry::blocking).forEach(e -> lines.addAll(e.lines()));
        String fix = "add " + String.join(", ", lines.stream().distinct().toList())
                + (plan.createMissing() ? "" : " or set xero.tax-rates.create-missing=true") + " (`taxes` shows why)";
        return List.of(CheckLine.fail(SUBJECT, plan.summary(), fix));
    }
}
