package io.cscartxero.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.cscartxero.bookkeeping.SalesBooking;
import io.cscartxero.bookkeeping.StoreCatalog;
import io.cscartxero.xero.XeroProperties;
import io.cscartxero.xero.model.Account;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The account plan: one line per {@code xero.revenue-accounts.*} mapping (product, category, storefront) saying what it
 * maps (the product, the category with its path, the storefront, as CS-Cart names them) and whether its account is an
 * ACTIVE sales account of the organisation. A mapping of something CS-Cart does not have is a ✗ (a typo would silently
 * book on the default account). Without mappings: one ✓ line, every line on {@code xero.revenue-account-code}.
 */
@Component
@Order(FirstRunCheck.ACCOUNT_PLAN)
class AccountPlanCheck implements FirstRunCheck {

    private static final String SUBJECT = "account plan";
    private static final Set<String> SALES_TYPES = Set.of("REVENUE", "SALES", "OTHERINCOME");

    private final XeroProperties xero;

    AccountPlanCheck(XeroProperties xero) {
        this.xero = xero;
    }

    @Override
    public String subject() {
        return SUBJECT;
    }

    @Override
    public List<CheckLine> check(CheckContext context) {
        return SalesBookingLines.of(xero, SUBJECT, booking -> plan(context, booking));
    }

    private List<CheckLine> plan(CheckContext context, SalesBooking booking) {
        if (!booking.mapsAccounts()) {
            return List.of(CheckLine.ok(SUBJECT, "every sold line and item on " + booking.defaultRevenueAccount()
                    + " (xero.revenue-account-code); no xero.revenue-accounts.* mapping"));
        }
        if (context.storeTablesUnavailable().isPresent()) {
            return List.of(CheckLine.notChecked(SUBJECT, context.storeTablesUnavailable().get()));
        }
        StoreCatalog catalog = new StoreCatalog(context.cscart(), context.cscartProperties(),
                context.storeSettings().settings().language());
        Map<String, Account> accounts = new TreeMap<>();
        if (context.xeroUnavailable().isEmpty()) {
            context.accounts().stream().filter(a -> a.code() != null).forEach(a -> accounts.put(a.code(), a));
        }
        Map<Long, String> productNames = new TreeMap<>();
        if (!booking.byProduct().isEmpty()) {
            context.cscart().query("SELECT p.product_id, COALESCE(MIN(d.product), '') FROM " + context.cscartProperties().table("products")
                    + " p LEFT JOIN " + context.cscartProperties().table("product_descriptions") + " d ON d.product_id = p.product_id"
                    + " WHERE p.product_id IN (:ids) GROUP BY p.product_id", Map.of("ids", List.copyOf(booking.byProduct().keySet())),
                    rs -> {
                        productNames.put(rs.getLong(1), rs.getString(2));
                    });
        }
        List<CheckLine> lines = new ArrayList<>();
        new TreeMap<>(booking.byProduct()).forEach((id, code) -> lines.add(line(context, accounts, "xero.revenue-accounts.product." + id,
                productNames.containsKey(id) ? "product " + id + " (" + productNames.get(id) + ")" : null, code)));
        new TreeMap<>(booking.byCategory()).forEach((id, code) -> {
            StoreCatalog.Category c = catalog.categories().get(id);
            String what = c == null ? null : "category " + id + " (" + String.join(" / ", c.path().stream()
                    .map(p -> catalog.categories().containsKey(p) ? catalog.categories().get(p).name() : Long.toString(p)).toList())
                    + ") and the categories below it";
            lines.add(line(context, accounts, "xero.revenue-accounts.category." + id, what, code));
        });
        new TreeMap<>(booking.byStorefront()).forEach((id, code) -> lines.add(line(context, accounts,
                "xero.revenue-accounts.storefront." + id, catalog.companies().containsKey(id)
                        ? "storefront " + id + " (" + catalog.companies().get(id) + ")" : null, code)));
        lines.add(line(context, accounts, "xero.revenue-account-code", "everything else", booking.defaultRevenueAccount()));
        return lines;
    }

    private static CheckLine line(CheckContext context, Map<String, Account> accounts, String property, String what, String code) {
        String subject = property + " → " + code;
        if (what == null) {
            return CheckLine.fail(subject, "CS-Cart has no such " + property.substring(property.lastIndexOf('.', property.lastIndexOf('.') - 1) + 1,
                    property.lastIndexOf('.')), "correct the id in " + property + " or remove the line");
        }
        if (context.xeroUnavailable().isPresent()) {
            return CheckLine.notChecked(subject, context.xeroUnavailable().get());
        }
        Account account = accounts.get(code);
        if (account == null) {
            return CheckLine.fail(subject, what + ": account " + code + " does not exist in the organisation", "use a sales account's code");
        }
        if (!account.isActive()) {
            return CheckLine.fail(subject, what + ": " + account.name() + " is " + account.status() + ", not ACTIVE", "make it ACTIVE in Xero");
        }
        if (!SALES_TYPES.contains(account.type())) {
            return CheckLine.fail(subject, what + ": " + account.name() + " is of type " + account.type() + ", not an income account",
                    "use a REVENUE, SALES or OTHERINCOME account");
        }
        return CheckLine.ok(subject, what + " on " + account.name() + " (" + account.type() + ")");
    }
}
