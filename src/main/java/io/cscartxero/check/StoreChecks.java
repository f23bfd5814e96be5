package io.cscartxero.check;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cscartxero.cscart.CsCartProperties;
import io.cscartxero.cscart.StoreSettingsService;
import io.cscartxero.sync.SyncProperties;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** What the jobs take from the store: its settings and the order statuses the configuration names. */
final class StoreChecks {

    private StoreChecks() {
    }

    @Component
    @Order(FirstRunCheck.STORE_SETTINGS)
    static class Settings implements FirstRunCheck {
        @Override
        public String subject() {
            return "store settings";
        }

        @Override
        public List<CheckLine> check(CheckContext context) {
            var unavailable = context.storeTablesUnavailable();
            if (unavailable.isPresent()) {
                return List.of(CheckLine.notChecked("store time zone, currency, language", unavailable.get()));
            }
            StoreSettingsService.Reading reading = context.storeSettings().reading();
            List<CheckLine> lines = new ArrayList<>();
            lines.add(CheckLine.ok("store time zone", reading.settings().zone() + " (" + reading.zoneSource() + ")"));
            String currency = reading.settings().currency();
            lines.add(currency != null ? CheckLine.ok("store primary currency", currency + " (" + reading.currencySource() + ")")
                    : CheckLine.fail("store primary currency", reading.currencySource(),
                            "make exactly one currency primary in CS-Cart (Administration → Currencies)"));
            String language = reading.settings().language();
            Integer known = context.cscart().queryForObject("SELECT COUNT(*) FROM " + context.cscartProperties().table("languages")
                    + " WHERE lang_code = :l", Map.of("l", language), Integer.class);
            lines.add(known != null && known > 0 ? CheckLine.ok("store default language", language + " (" + reading.languageSource() + ")")
                    : CheckLine.fail("store default language", "'" + language + "' (" + reading.languageSource() + ") is not a language of the store",
                            "set cscart.language (CSCART_LANGUAGE) to one of the store's languages (languages.lang_code)"));
            return lines;
        }
    }

    @Component
    @Order(FirstRunCheck.ORDER_STATUSES)
    static class OrderStatuses implements FirstRunCheck {
        private final List<String> orderStatuses;
        private final List<String> voidOnStatus;

        OrderStatuses(SyncProperties sync) {
            this.orderStatuses = sync.orderStatuses();
            this.voidOnStatus = sync.voidOnStatus();
        }

        @Override
        public String subject() {
            return "order statuses";
        }

        @Override
        public List<CheckLine> check(CheckContext context) {
            var unavailable = context.storeTablesUnavailable();
            if (unavailable.isPresent()) {
                return List.of(CheckLine.notChecked(subject(), unavailable.get()));
            }
            Set<String> known = new LinkedHashSet<>(context.cscart().getJdbcTemplate().queryForList("SELECT status FROM "
                    + context.cscartProperties().table("statuses") + " WHERE type = 'O' ORDER BY position, status_id", String.class));
            List<CheckLine> lines = new ArrayList<>();
            lines.add(line("sync.order-statuses", orderStatuses, known));
            if (!voidOnStatus.isEmpty()) {
                lines.add(line("sync.void-on-status", voidOnStatus, known));
            }
            return lines;
        }

        private static CheckLine line(String property, List<String> configured, Set<String> known) {
            List<String> unknown = configured.stream().filter(s -> !known.contains(s)).toList();
            String subject = "order statuses (" + property + ")";
            if (configured.isEmpty()) {
                return CheckLine.fail(subject, "empty", "set " + property + " to the statuses of orders to invoice, e.g. P,C");
            }
            if (unknown.isEmpty()) {
                return CheckLine.ok(subject, String.join(",", configured) + " exist in CS-Cart");
            }
            return CheckLine.fail(subject, String.join(",", unknown) + " " + (unknown.size() == 1 ? "is not an" : "are not") + " order status"
                    + (unknown.size() == 1 ? "" : "es") + " of this store (it has " + String.join(",", known) + ")",
                    "set " + property + " (" + io.cscartxero.ops.LaunchRequirements.envVar(property) + ") to statuses among " + String.join(",", known));
        }
    }

    /** Where the imports put what they create: the category of new products and the storefront of new customers (Ultimate). */
    @Component
    @Order(FirstRunCheck.IMPORT_TARGETS)
    static class ImportTargets implements FirstRunCheck {
        private final Long categoryId;
        private final long companyId;

        ImportTargets(CsCartProperties properties) {
            this.categoryId = properties.imports().categoryId();
            this.companyId = properties.imports().companyId();
        }

        @Override
        public String subject() {
            return "import targets";
        }

        @Override
        public List<CheckLine> check(CheckContext context) {
            if (context.exportsOnly()) {
                return List.of();
            }
            var unavailable = context.storeTablesUnavailable();
            if (unavailable.isPresent()) {
                return List.of(CheckLine.notChecked(subject(), unavailable.get()));
            }
            var jdbc = context.cscart();
            var p = context.cscartProperties();
            List<CheckLine> lines = new ArrayList<>();
            String categorySubject = "import category (cscart.import.category-id)";
            String categoryFix = "set cscart.import.category-id (CSCART_IMPORT_CATEGORY_ID) to the category productImportJob puts new products in"
                    + " (or run check --exports-only if you never import)";
            if (categoryId == null) {
                // optional, as in productImportJob: without it the import updates linked products and skips (one error
                // row each) only Xero items that would need a new product, so a run succeeds
                lines.add(CheckLine.ok(categorySubject, "not set: productImportJob creates no product; a Xero item without a CS-Cart "
                        + "product is skipped with an error row (set cscart.import.category-id, CSCART_IMPORT_CATEGORY_ID, to create them)"));
            } else {
                Integer found = jdbc.queryForObject("SELECT COUNT(*) FROM " + p.table("categories") + " WHERE category_id = :id",
                        Map.of("id", categoryId), Integer.class);
                lines.add(found != null && found > 0 ? CheckLine.ok(categorySubject, "category " + categoryId + " exists")
                        : CheckLine.fail(categorySubject, "category " + categoryId + " does not exist in the store", categoryFix));
            }
            if (!context.schema().isMultiVendor()) {   // Multi-Vendor customers belong to no company
                Integer found = jdbc.queryForObject("SELECT COUNT(*) FROM " + p.table("companies") + " WHERE company_id = :id",
                        Map.of("id", companyId), Integer.class);
                String subject = "import storefront (cscart.import.company-id)";
                lines.add(found != null && found > 0 ? CheckLine.ok(subject, "company " + companyId + " exists")
                        : CheckLine.fail(subject, "company " + companyId + " does not exist in the store",
                                "set cscart.import.company-id (CSCART_IMPORT_COMPANY_ID) to the storefront customerImportJob adds customers to"));
            }
            return lines;
        }
    }
}
