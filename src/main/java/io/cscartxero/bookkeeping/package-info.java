/**
 * What orders and products share about where a sale is booked: the revenue account of what was sold (product, main
 * category or its nearest mapped ancestor, storefront, default) and the Xero tracking categories of a line
 * (storefront, top or leaf category, vendor, payment method, billing country). {@link io.cscartxero.bookkeeping.SalesBooking}
 * holds one organisation's settings; {@link io.cscartxero.bookkeeping.StoreCatalog} reads what CS-Cart knows about
 * products, categories, storefronts and orders (cached per job); {@link io.cscartxero.bookkeeping.TrackingOptions}
 * makes the categories and options exist in Xero, once per run. Uses {@code xero} and {@code cscart}, no feature.
 */
package io.cscartxero.bookkeeping;
