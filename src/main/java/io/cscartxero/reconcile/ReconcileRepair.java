package io.cscartxero.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import java.sql.Timestamp;
import java.time.Instant;

import io.cscartxero.reconcile.Difference.Kind;
import io.cscartxero.sync.InvoiceNumbers;
import io.cscartxero.sync.SyncLink;
import io.cscartxero.xero.XeroProperties;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code reconcile --repair}: re-queues the repairable differences of the last run for the normal jobs, which do
 * all the writing to Xero — this class writes only the connector database's links, in one transaction:
 * <ul>
 * <li>an invoice to send again (total, tax, status or contact differs): its link's payload hash is cleared, so
 * orderExportJob sends the order again (an update in place of the same InvoiceID);</li>
 * <li>an invoice voided or deleted in Xero while the order is still a sale: Xero keeps its number, so the order is
 * re-issued under the next one ({@link InvoiceNumbers}: CS-12 → CS-12-2 → CS-12-3): the old invoice is recorded in
 * {@code reissued_invoice}, the link moves to the new number without an InvoiceID and is re-queued, so orderExportJob
 * creates the new invoice (the connector's payment link of the order, if any, goes: paymentExportJob pays the new
 * one);</li>
 * <li>an archived contact of a customer: its link is re-queued, so customerExportJob sends it with ContactStatus
 * ACTIVE (before orderExportJob needs it for an invoice);</li>
 * <li>an invoice gone from Xero, never sent, or in Xero without a link: its link is kept (or made) without an
 * InvoiceID and re-queued, so orderExportJob creates it (or, finding its number taken, links it);</li>
 * <li>a contact or item gone from Xero: its link is removed, so the export's next full run creates it again;</li>
 * <li>a paid order whose invoice is unpaid: its payment link is re-queued (kept without a PaymentID), so
 * paymentExportJob pays what is due;</li>
 * <li>a customer or product never sent: nothing to clear, the export's next full run sends it.</li>
 * </ul>
 * Each is marked {@code repaired_at}. The jobs pick the re-queued links up on their next run, a change run
 * ({@code changedAfter}, as {@code serve} runs them) included: it reads the records whose link is re-queued as well as
 * those changed in the store. Contacts and items gone from Xero (link removed) are sent by the next full run.
 */
@Component
public class ReconcileRepair {

    /** What was re-queued: per job, the CS-Cart ids to run it for. */
    public record Requeued(int differences, Map<String, Set<String>> byJob) {
    }

    private final JdbcTemplate jdbc;
    private final ReconcileReport report;
    private final TransactionTemplate tx;
    private final String invoicePrefix;

    public ReconcileRepair(JdbcTemplate jdbc, ReconcileReport report, PlatformTransactionManager txManager, XeroProperties xero) {
        this.jdbc = jdbc;
        this.report = report;
        this.tx = new TransactionTemplate(txManager);
        this.invoicePrefix = xero.invoiceNumberPrefix();
    }

    /** Re-queues the repairable, not yet repaired differences of the tenant's last run. */
    public Requeued repairLast(String tenant) {
        ReconcileReport.Run run = report.lastRun(tenant);
        if (run == null) {
            return new Requeued(0, Map.of());
        }
        return tx.execute(status -> {
            Map<String, Integer> issues = highestIssues(jdbc, tenant, invoicePrefix);
            Map<String, Set<String>> byJob = new TreeMap<>();
            List<Long> done = new ArrayList<>();
            for (ReconcileReport.Row row : report.differences(run.id())) {
                Difference d = row.difference();
                if (!d.repairable() || row.repairedAt() != null || d.cscartId() == null) {
                    continue;
                }
                String job = requeue(tenant, d, issues);
                byJob.computeIfAbsent(job, k -> new TreeSet<>(java.util.Comparator.comparingLong(Long::parseLong))).add(d.cscartId());
                done.add(row.id());
            }
            report.markRepaired(done);
            return new Requeued(done.size(), byJob);
        });
    }

    /** Clears or removes what keeps the normal job from sending the record; the job that will. */
    private String requeue(String tenant, Difference d, Map<String, Integer> issues) {
        Kind kind = d.kind();
        return switch (kind) {
            case TOTAL_DIFFERS, TAX_DIFFERS, STATUS_DIFFERS, CONTACT_DIFFERS -> {
                requeueLink(tenant, "INVOICE", d.cscartId());
                yield "orderExportJob";
            }
            case VOIDED_IN_XERO, DELETED_IN_XERO -> {
                if (d.xeroValue() != null && (d.xeroValue().equals("VOIDED") || d.xeroValue().equals("DELETED"))) {
                    reissue(tenant, d, issues);
                } else {   // gone from Xero altogether: its number is free again, the invoice is created anew
                    requeueInvoice(tenant, d.cscartId(), d.xeroNumber());
                }
                yield "orderExportJob";
            }
            // never sent: created; or in Xero without a link: the create finds its number taken and links it
            case MISSING_INVOICE, UNLINKED_INVOICE -> {
                requeueInvoice(tenant, d.cscartId(), d.xeroNumber());
                yield "orderExportJob";
            }
            case PAID_NOT_IN_XERO -> {
                requeuePayment(tenant, d.cscartId());
                yield "paymentExportJob";
            }
            case MISSING_CONTACT -> {
                if ("ARCHIVED".equals(d.xeroValue())) {   // still in Xero: restored by the next send (ContactStatus ACTIVE)
                    requeueLink(tenant, "CONTACT", d.cscartId());
                } else {
                    removeLink(tenant, "CONTACT", d.cscartId());
                }
                yield "customerExportJob";
            }
            case MISSING_ITEM -> {
                removeLink(tenant, "ITEM", d.cscartId());
                yield "productExportJob";
            }
            default -> throw new IllegalStateException(kind + " is never repairable");
        };
    }

    /**
     * An order's next invoice.
     *
     * @param cancelled the cancelled invoice's own issue (1 for {@code CS-7}, 2 for {@code CS-7-2}): its row in
     *                  {@code reissued_invoice}
     * @param issue     the highest issue the order had so far (the cancelled one's or one recorded), which the new
     *                  number follows
     * @param number    the new number
     */
    record Reissue(int cancelled, int issue, String number) {
    }

    /**
     * The one computation of the number an order whose invoice Xero voided or deleted is re-issued under — the
     * reconciliation report shows it, {@link #repairLast} uses it: one past the highest issue the order ever had (the
     * cancelled invoice's, or any recorded in {@code reissued_invoice}), so repeating this never reuses one. Null
     * when {@code cancelledNumber} is not the order's under the prefix, or the next number would exceed Xero's 255
     * characters.
     *
     * @param highestRecorded the order's {@code MAX(issue)} in {@code reissued_invoice} ({@link #highestIssues}), null if none
     */
    static Reissue nextIssue(String prefix, long orderId, String cancelledNumber, Integer highestRecorded) {
        InvoiceNumbers.Parsed parsed = InvoiceNumbers.parse(prefix, cancelledNumber);
        if (parsed == null || parsed.orderId() != orderId) {
            return null;
        }
        int issue = Math.max(parsed.issue(), highestRecorded == null ? 0 : highestRecorded);
        String next = InvoiceNumbers.number(prefix, orderId, issue + 1);
        return next == null ? null : new Reissue(parsed.issue(), issue, next);
    }

    /**
     * Per order (CS-Cart id), the highest issue it had as far as {@code reissued_invoice} knows for the tenant: the
     * recorded old invoices' issues and the numbers they were re-issued as ({@code CS-7-4} is issue 4) — so that an
     * order whose link was left at an older number is not re-issued under a number it already has.
     */
    static Map<String, Integer> highestIssues(JdbcTemplate jdbc, String tenant, String prefix) {
        Map<String, Integer> issues = new java.util.HashMap<>();
        jdbc.query("SELECT order_id, issue, reissued_as FROM reissued_invoice WHERE tenant_id = ?", rs -> {
            InvoiceNumbers.Parsed reissuedAs = InvoiceNumbers.parse(prefix, rs.getString(3));
            int highest = Math.max(rs.getInt(2), reissuedAs == null ? 0 : reissuedAs.issue());
            issues.merge(rs.getString(1), highest, Math::max);
        }, tenant);
        return issues;
    }

    /**
     * Records the voided or deleted invoice as the order's and moves the order's INVOICE link to the next number
     * ({@link #nextIssue}), without an InvoiceID and re-queued: orderExportJob creates that invoice.
     *
     * @param issues {@link #highestIssues} as this repair left them (updated here)
     */
    private void reissue(String tenant, Difference d, Map<String, Integer> issues) {
        long orderId = Long.parseLong(d.cscartId());
        Reissue next = nextIssue(invoicePrefix, orderId, d.xeroNumber(), issues.get(d.cscartId()));
        if (next == null) {
            throw new IllegalStateException("Invoice " + d.xeroNumber() + " cannot be re-issued: it is not order " + orderId
                    + "'s number under the prefix " + invoicePrefix + ", or the next number would exceed Xero's 255 characters");
        }
        // the row of the cancelled invoice under its own issue; already there (a link left at an older number than one
        // recorded): kept, so that the repair does not fail on the key and roll back the others
        Integer recorded = jdbc.queryForObject("SELECT COUNT(*) FROM reissued_invoice WHERE tenant_id = ? AND order_id = ? AND issue = ?",
                Integer.class, tenant, d.cscartId(), next.cancelled());
        if (recorded == null || recorded == 0) {
            jdbc.update("INSERT INTO reissued_invoice (tenant_id, order_id, issue, invoice_number, xero_id, xero_status, reissued_as, "
                    + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", tenant, d.cscartId(), next.cancelled(), d.xeroNumber(), d.xeroId(),
                    d.xeroValue(), next.number(), Timestamp.from(Instant.now()));
        }
        issues.put(d.cscartId(), next.issue());
        requeueInvoice(tenant, d.cscartId(), next.number());
        // the connector's payment was on the old invoice (Xero voids only invoices without payments): pay the new one
        jdbc.update("UPDATE sync_link SET xero_id = NULL, payload_hash = ? WHERE tenant_id = ? AND entity = 'PAYMENT' AND cscart_id = ?",
                SyncLink.REQUEUED, tenant, d.cscartId());
    }

    /** A linked record sent again: its payload hash no payload has, which a change run also reads. */
    private void requeueLink(String tenant, String entity, String cscartId) {
        jdbc.update("UPDATE sync_link SET payload_hash = ? WHERE tenant_id = ? AND entity = ? AND cscart_id = ?",
                SyncLink.REQUEUED, tenant, entity, cscartId);
    }

    /**
     * An invoice to create (or to link, when Xero has its number): the order's INVOICE link without an InvoiceID,
     * under its number, re-queued — so that a change run reads the order too.
     */
    private void requeueInvoice(String tenant, String orderId, String number) {
        int updated = jdbc.update("UPDATE sync_link SET xero_id = NULL, xero_key = ?, payload_hash = ?, state = 'SYNCED' "
                + "WHERE tenant_id = ? AND entity = 'INVOICE' AND cscart_id = ?", number, SyncLink.REQUEUED, tenant, orderId);
        if (updated == 0) {
            jdbc.update("INSERT INTO sync_link (tenant_id, entity, cscart_id, state, xero_id, xero_key, payload_hash, synced_at) "
                    + "VALUES (?, 'INVOICE', ?, 'SYNCED', NULL, ?, ?, ?)", tenant, orderId, number, SyncLink.REQUEUED, Timestamp.from(Instant.now()));
        }
    }

    /**
     * A payment to make again: the order's PAYMENT link (if any) is kept without a PaymentID and re-queued, so that
     * paymentExportJob — its change run too — pays what the invoice has due.
     */
    private void requeuePayment(String tenant, String orderId) {
        int updated = jdbc.update("UPDATE sync_link SET xero_id = NULL, payload_hash = ?, state = 'SYNCED' WHERE tenant_id = ? "
                + "AND entity = 'PAYMENT' AND cscart_id = ?", SyncLink.REQUEUED, tenant, orderId);
        if (updated == 0) {
            jdbc.update("INSERT INTO sync_link (tenant_id, entity, cscart_id, state, xero_id, xero_key, payload_hash, synced_at) "
                    + "VALUES (?, 'PAYMENT', ?, 'SYNCED', NULL, NULL, ?, ?)", tenant, orderId, SyncLink.REQUEUED, Timestamp.from(Instant.now()));
        }
    }

    private void removeLink(String tenant, String entity, String cscartId) {
        jdbc.update("DELETE FROM sync_link WHERE tenant_id = ? AND entity = ? AND cscart_id = ?", tenant, entity, cscartId);
    }
}
