package io.cscartxero.check;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import javax.sql.DataSource;

import io.cscartxero.cscart.CsCartProperties;
import io.cscartxero.cscart.StoreSettingsService;
import io.cscartxero.infra.DataSourcesConfiguration;
import io.cscartxero.order.OrderTaxCombos;
import io.cscartxero.sync.SyncProperties;
import io.cscartxero.tax.TaxPlan;
import io.cscartxero.tax.TaxPlanService;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The read-only tax plan for the orders orderExportJob would export by default ({@code sync.order-statuses}), or for
 * the given statuses and start date: what the {@code taxes} and {@code check} commands show. It joins the order
 * feature (which taxes the orders carry) to the tax package (which Xero TaxType each gets), so it lives here, above
 * both, and {@code tax} knows no feature.
 */
@Component
public class StoreTaxPlan {

    private final TaxPlanService taxPlans;
    private final DataSource cscart;
    private final CsCartProperties properties;
    private final StoreSettingsService storeSettings;
    private final SyncProperties sync;

    StoreTaxPlan(TaxPlanService taxPlans, @Qualifier(DataSourcesConfiguration.CSCART) DataSource cscart,
            CsCartProperties properties, StoreSettingsService storeSettings, SyncProperties sync) {
        this.taxPlans = taxPlans;
        this.cscart = cscart;
        this.properties = properties;
        this.storeSettings = storeSettings;
        this.sync = sync;
    }

    /**
     * @param statuses null or empty for {@code sync.order-statuses}
     * @param since    null for all dates
     */
    public TaxPlan plan(List<String> statuses, LocalDate since) {
        List<String> chosen = statuses == null || statuses.isEmpty()
                ? sync.orderStatuses()
                : statuses;
        ZoneId zone = storeSettings.settings().zone();
        OrderTaxCombos.Scan scan = OrderTaxCombos.scan(cscart, properties, chosen, since, null, zone, null);
        return taxPlans.plan(scan.combos(), scan.orderCounts(), TaxPlanService.Mode.READ_ONLY);
    }
}
