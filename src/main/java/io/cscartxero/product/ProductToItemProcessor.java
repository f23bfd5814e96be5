package io.cscartxero.product;

import java.util.Map;
import java.util.function.LongFunction;

import io.cscartxero.sync.PayloadHash;
import io.cscartxero.sync.SyncLink;
import io.cscartxero.xero.BookkeepingProperties;
import io.cscartxero.xero.model.Item;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Maps a product to an item and drops it when Xero already has exactly this payload. A derived item code is
 * reported once, when the product is first linked with it. Makes no calls and no queries.
 */
class ProductToItemProcessor implements ItemProcessor<CsCartProduct, ItemSyncItem> {

    private static final Logger log = LoggerFactory.getLogger(ProductToItemProcessor.class);

    private final Map<String, SyncLink> links;
    private final ItemCodes codes;
    private final BookkeepingProperties bookkeeping;
    private final boolean full;
    /** product id → its revenue account */
    private final LongFunction<String> accounts;

    ProductToItemProcessor(Map<String, SyncLink> links, ItemCodes codes, BookkeepingProperties bookkeeping, boolean full) {
        this(links, codes, bookkeeping, full, id -> bookkeeping.revenueAccountCode());
    }

    ProductToItemProcessor(Map<String, SyncLink> links, ItemCodes codes, BookkeepingProperties bookkeeping, boolean full,
            LongFunction<String> accounts) {
        this.links = links;
        this.codes = codes;
        this.bookkeeping = bookkeeping;
        this.full = full;
        this.accounts = accounts;
    }

    @Override
    public ItemSyncItem process(CsCartProduct product) {
        ItemCodes.Assigned code = codes.codeFor(product.productId(), product.productCode());
        Item item = ProductItemMapper.toItem(product, code.code(), bookkeeping, accounts.apply(product.productId()));
        String hash = PayloadHash.of(item);
        SyncLink link = links.get(Long.toString(product.productId()));
        if (link != null && link.payloadHash().equals(hash) && !full) {
            return null;
        }
        if (code.derived() && (link == null || !code.code().equals(link.xeroKey()))) {
            log.warn("Product {}: {}; exported to Xero with Item Code {}", product.productId(), code.reason(), code.code());
        }
        return new ItemSyncItem(product.productId(), item.withItemID(link == null ? null : link.xeroId()), hash);
    }
}
