package io.cscartxero.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;

import io.cscartxero.sync.SyncLink;
import io.cscartxero.xero.BookkeepingProperties;
import io.cscartxero.xero.XeroProperties;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Product → item: code assigned once per store, unchanged payloads dropped, linked items keep their ItemID. */
class ProductToItemProcessorTest {

    private final BookkeepingProperties bookkeeping = new Binder(new MapConfigurationPropertySource(Map.of("xero.revenue-account-code", "200")))
            .bindOrCreate("xero", XeroProperties.class).bookkeeping();

    private static CsCartProduct product(long id, String code, String name, String price) {
        return new CsCartProduct(id, code, "P", "A", name, "", "", new BigDecimal(price), 1_700_000_000L);
    }

    @Test
    void aNewProductBecomesAnItemWithItsCodeAndPrice() {
        CsCartProduct p = product(5, "TS-RED", "Red T-shirt", "19.90");
        ItemSyncItem item = new ProductToItemProcessor(Map.of(), ItemCodes.of(Map.of(5L, "TS-RED")), bookkeeping, false).process(p);

        assertThat(item.productId()).isEqualTo(5);
        assertThat(item.item().itemID()).isNull();
        assertThat(item.item().code()).isEqualTo("TS-RED");
        assertThat(item.item().name()).isEqualTo("Red T-shirt");
        assertThat(item.item().salesDetails().unitPrice()).isEqualByComparingTo("19.90");
        assertThat(item.item().salesDetails().accountCode()).isEqualTo("200");
    }

    @Test
    void anUnchangedProductIsDroppedUnlessTheRunIsFullAChangedOneUpdatesItsItem() {
        CsCartProduct p = product(5, "TS-RED", "Red T-shirt", "19.90");
        ItemCodes codes = ItemCodes.of(Map.of(5L, "TS-RED"));
        String hash = new ProductToItemProcessor(Map.of(), codes, bookkeeping, false).process(p).payloadHash();
        Map<String, SyncLink> links = Map.of("5", SyncLink.synced("ITEM", "5", "item-5", "TS-RED", hash));

        assertThat(new ProductToItemProcessor(links, codes, bookkeeping, false).process(p)).isNull();
        assertThat(new ProductToItemProcessor(links, codes, bookkeeping, true).process(p).item().itemID()).isEqualTo("item-5");
        ItemSyncItem cheaper = new ProductToItemProcessor(links, codes, bookkeeping, false).process(product(5, "TS-RED", "Red T-shirt", "17.50"));
        assertThat(cheaper.item().itemID()).isEqualTo("item-5");
        assertThat(cheaper.payloadHash()).isNotEqualTo(hash);
    }

    @Test
    void productsWithoutACodeOrWithTheSameCodeGetDistinctDerivedCodes() {
        ItemCodes codes = ItemCodes.of(Map.of(1L, "", 2L, "DUP", 3L, "dup"));
        ProductToItemProcessor processor = new ProductToItemProcessor(Map.of(), codes, bookkeeping, false);
        String a = processor.process(product(1, "", "No code", "1.00")).item().code();
        String b = processor.process(product(2, "DUP", "First", "1.00")).item().code();
        String c = processor.process(product(3, "dup", "Second", "1.00")).item().code();
        assertThat(a).isNotBlank();
        assertThat(java.util.Set.of(a.toLowerCase(), b.toLowerCase(), c.toLowerCase())).hasSize(3);
    }
}
