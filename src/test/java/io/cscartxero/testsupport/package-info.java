/**
 * Test data foundation: a real database server, the CS-Cart fixture schema and a deterministic store generator.
 *
 * <pre>{@code
 * TestDatabase db = TestDatabases.create("export");          // fresh, empty utf8mb4 database
 * CsCartFixture.create(db.dataSource(), "cscart_");          // CS-Cart tables (MyISAM, utf8) + reference rows
 * StoreGenerator g = new StoreGenerator(db.dataSource(), "cscart_", 42L);
 * List<GeneratedCustomer> customers = g.customers(500);
 * List<GeneratedProduct> products = g.products(300);
 * List<GeneratedOrder> orders = g.orders(2000);             // or g.ordersSummary(100_000): counts only
 * StoreData store = StoreGenerator.populateStore(ds, "cscart_", 1000, 500, 5000, 42L);  // all in one
 * JdbcTemplate jdbc = db.jdbc();
 * }</pre>
 *
 * <ul>
 *   <li>{@link io.cscartxero.testsupport.TestDatabases}: one embedded MariaDB 11.4 per JVM
 *       ({@link io.cscartxero.testsupport.EmbeddedMariaDb}, strict {@code sql_mode}, started on first use: about
 *       0.5 s, 3.5 s the very first time in a checkout), or the server named by {@code CSCART_TEST_JDBC_URL} /
 *       {@code CSCART_TEST_JDBC_USER} / {@code CSCART_TEST_JDBC_PASSWORD}. JDBC URLs are for mysql-connector-j.</li>
 *   <li>{@link io.cscartxero.testsupport.CsCartFixture}: {@code cscart/schema.sql} and {@code cscart/seed.sql}
 *       with a {@code {prefix}} placeholder; checked column by column against CS-Cart's real install schema by
 *       {@code io.cscartxero.testsupport.FixtureFidelityTest} (through {@link io.cscartxero.testsupport.RealCsCartSchema},
 *       which reads {@code ../shared/cscart} and is skipped when it is absent).</li>
 *   <li>{@link io.cscartxero.testsupport.StoreGenerator}: customers with documented variety (duplicate names,
 *       accents, CJK, emoji replaced as CS-Cart stores them, empty names, company-only, invalid e-mails, column-maximum
 *       lengths, eight countries); products (empty / duplicate / over-long codes, variations, per-language texts,
 *       tier prices, categories); orders (guests, Multi-Vendor parents, statuses incl. N, included / excluded / two
 *       taxes, discounts, surcharges, gift certificates, rounding traps) whose totals follow CS-Cart's formula; same
 *       seed, same rows. Not thread-safe: one instance per thread.</li>
 *   <li>{@link io.cscartxero.testsupport.PhpSerialize}: PHP {@code serialize()} / {@code unserialize()} (byte
 *       lengths, PHP float format) for {@code order_data} and {@code order_details.extra}, independent of the
 *       connector's own parser.</li>
 *   <li>{@link io.cscartxero.testsupport.ConnectorHarness}: the one shared end-to-end fixture — its own CS-Cart and
 *       connector databases and in-process Xero sandbox per test class, running the real application and CLI.</li>
 *   <li>{@link io.cscartxero.testsupport.TestSandbox}: the sandbox alone, with Xero's limits or generous ones;
 *       {@link io.cscartxero.testsupport.XeroUser}: someone typing into the Xero organisation through its API.</li>
 * </ul>
 * Tests of these helpers live beside them in this package.
 */
package io.cscartxero.testsupport;

