package io.cscartxero.check;

import java.util.List;
import java.util.function.Function;

import io.cscartxero.bookkeeping.SalesBooking;
import io.cscartxero.xero.PreflightException;
import io.cscartxero.xero.XeroProperties;

/** What the account plan and the tracking plan share: both read the sales booking of the configuration first. */
final class SalesBookingLines {

    private SalesBookingLines() {
    }

    /**
     * The lines {@code plan} makes of the configured sales booking ({@code xero.revenue-accounts.*},
     * {@code xero.tracking.*}), or one ✗ line with the reason the booking cannot be read (a wrong property).
     */
    static List<CheckLine> of(XeroProperties xero, String subject, Function<SalesBooking, List<CheckLine>> plan) {
        SalesBooking booking;
        try {
            booking = SalesBooking.of(xero);
        } catch (PreflightException e) {
            return List.of(CheckLine.fail(subject, e.getMessage(), "correct the property"));
        }
        return plan.apply(booking);
    }
}
