package io.cscartxero.order;

/**
 * Which orders an orderExportJob execution reads: its parameters ({@code statuses}, {@code since}, {@code orderIds},
 * {@code changedAfter}) and, for a change run, the orders whose invoice link {@code reconcile --repair} re-queued.
 * Job-scoped ({@link OrderExportJobConfiguration#orderExportFilter}): the re-queued ids are read once per run, and the
 * buyers' step, the invoices' step, their progress totals and the tax plan all see the same orders.
 */
class OrderExportFilter {

    private final CsCartOrderQueries.Filter filter;

    OrderExportFilter(CsCartOrderQueries.Filter filter) {
        this.filter = filter;
    }

    public CsCartOrderQueries.Filter filter() {
        return filter;
    }
}
