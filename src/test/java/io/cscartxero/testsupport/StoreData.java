package io.cscartxero.testsupport;

import java.util.List;

/**
 * What {@link StoreGenerator#populateStore} wrote.
 *
 * @param customers the customers, in id order
 * @param products  the products, in id order
 * @param orders    counts of the orders (not the orders themselves: a store may hold 100,000 of them)
 */
public record StoreData(List<GeneratedCustomer> customers, List<GeneratedProduct> products, OrderSummary orders) {
}
