package io.cscartxero.testsupport;

/**
 * The store of the serve tests: generated as of the database's clock, so that a change tick takes its orders as new
 * (seeds 81, 82 and 83: 20 customers, 20 products, 40 orders), its taxes mapped ({@link StoreTaxes}) and every
 * payment method's payments on account 090.
 */
public final class ServeStore {

    private ServeStore() {
    }

    /** A started harness with that store; the application is not started yet. */
    public static ConnectorHarness start() {
        ConnectorHarness harness = ConnectorHarness.start();
        long now = harness.cscartJdbc().queryForObject("SELECT UNIX_TIMESTAMP()", Long.class);
        new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 81L).withNow(now).customers(20);
        new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 82L).withNow(now).products(20);
        new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 83L).withNow(now).orders(40);
        return StoreTaxes.mapped(harness).set("xero.payment-account", "090");
    }
}
