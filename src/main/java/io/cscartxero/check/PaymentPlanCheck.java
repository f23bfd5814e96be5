package io.cscartxero.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.cscartxero.payment.PaymentMethods;
import io.cscartxero.xero.XeroProperties;
import io.cscartxero.xero.model.Account;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The payment plan of paymentExportJob: each CS-Cart payment method (with its name and how many orders use it) → the
 * Xero account its payments go to ({@code xero.payment-accounts.<payment_id>}, else {@code xero.payment-account}), and
 * whether that account exists, is active and takes payments (BANK, or EnablePaymentsToAccount). A method mapped to no
 * account is a ✓ (its orders are deliberately left unpaid, as for bank transfers); one mapped to an account Xero
 * would refuse is a ✗. With {@code xero.invoice-status} other than AUTHORISED one line says nothing will be paid.
 */
@Component
@Order(FirstRunCheck.PAYMENT_PLAN)
class PaymentPlanCheck implements FirstRunCheck {

    private static final String SUBJECT = "payments";

    private final XeroProperties xero;

    PaymentPlanCheck(XeroProperties xero) {
        this.xero = xero;
    }

    @Override
    public String subject() {
        return SUBJECT;
    }

    @Override
    public List<CheckLine> check(CheckContext context) {
        if (!"AUTHORISED".equals(xero.invoiceStatus())) {
            return List.of(CheckLine.ok(SUBJECT, "none made: xero.invoice-status is " + xero.invoiceStatus()
                    + " and Xero takes payments only on AUTHORISED invoices (paymentExportJob skips)"));
        }
        if (context.storeTablesUnavailable().isPresent()) {
            return List.of(CheckLine.notChecked(SUBJECT, context.storeTablesUnavailable().get()));
        }
        String language = context.storeSettings().settings().language();
        Map<Long, String> names = PaymentMethods.names(context.cscart(), context.cscartProperties(), language);
        Map<Long, Long> used = PaymentMethods.usedByOrders(context.cscart(), context.cscartProperties());
        Map<Long, String> methods = new TreeMap<>(names);
        used.keySet().forEach(id -> methods.putIfAbsent(id, "no name"));
        Map<String, Account> accounts = new TreeMap<>();
        if (context.xeroUnavailable().isEmpty()) {
            context.accounts().forEach(a -> accounts.put(a.code(), a));
        }
        List<CheckLine> lines = new ArrayList<>();
        for (Map.Entry<Long, String> method : methods.entrySet()) {
            long id = method.getKey();
            String subject = "payment method " + id + " (" + method.getValue() + ", " + used.getOrDefault(id, 0L) + " orders)";
            String code = xero.paymentAccountFor(id);
            String key = xero.paymentAccounts().containsKey(Long.toString(id)) ? "xero.payment-accounts." + id : "xero.payment-account";
            if (code == null) {
                lines.add(CheckLine.ok(subject, "no account: its paid orders are left unpaid in Xero (xero.payment-accounts." + id
                        + "=<account code> pays them)"));
            } else if (context.xeroUnavailable().isPresent()) {
                lines.add(CheckLine.notChecked(subject + " → account " + code, context.xeroUnavailable().get()));
            } else {
                Account account = accounts.get(code);
                if (account == null) {
                    lines.add(CheckLine.fail(subject, "account " + code + " (" + key + ") is not in Xero's chart of accounts",
                            "set " + key + " to the code of a BANK account or one with payments enabled"));
                } else if (!account.isActive()) {
                    lines.add(CheckLine.fail(subject, "account " + code + " (" + account.name() + ") is " + account.status(),
                            "set " + key + " to an ACTIVE account"));
                } else if (!account.acceptsPayments()) {
                    lines.add(CheckLine.fail(subject, "account " + code + " (" + account.name() + ", " + account.type()
                            + ") takes no payments", "set " + key + " to a BANK account, or enable payments to account "
                            + code + " in Xero (Chart of accounts → Edit → Enable payments to this account)"));
                } else {
                    lines.add(CheckLine.ok(subject, "payments on account " + code + " (" + account.name() + ", "
                            + ("BANK".equals(account.type()) ? "BANK" : account.type() + ", payments enabled") + ")"));
                }
            }
        }
        if (lines.isEmpty()) {
            lines.add(CheckLine.ok(SUBJECT, "no payment method in CS-Cart"));
        }
        return lines;
    }
}
