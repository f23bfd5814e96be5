package io.cscartxero.product;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cscartxero.sync.PayloadHash;
import io.cscartxero.sync.SyncLink;
import io.cscartxero.sync.SyncLinkRepository;
import io.cscartxero.sync.SyncOutcome;
import io.cscartxero.sync.SyncRecorder;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes imported items into CS-Cart: matched by link, then by product_code; matched products get only what
 * changed (and any child row a crash left out), new ones are inserted complete. Links commit with the chunk.
 */
class ProductImportWriter implements ItemWriter<ProductImport> {

    /** Settings of the run: status of new products and the main category (with its storefront). */
    record Target(String newProductStatus, long categoryId, long companyId) {
    }

    private final CsCartProductStore store;
    private final SyncLinkRepository links;
    private final SyncRecorder recorder;
    private final String tenant;
    private final Target target;

    ProductImportWriter(CsCartProductStore store, SyncLinkRepository links, SyncRecorder recorder, String tenant, Target target) {
        this.store = store;
        this.links = links;
        this.recorder = recorder;
        this.tenant = tenant;
        this.target = target;
    }

    /** Where new products go; calling it when the step starts makes the category check happen before any read. */
    Target target() {
        return target;
    }

    @Override
    public void write(Chunk<? extends ProductImport> chunk) {
        List<? extends ProductImport> items = chunk.getItems();
        Map<String, SyncLink> linked = links.findByXeroIds(tenant, XeroItemWriter.ENTITY, items.stream().map(ProductImport::itemId).toList());
        linked.values().removeIf(l -> l.state() != SyncLink.State.SYNCED);
        Map<String, Long> byCode = store.byCodes(items.stream().map(ProductImport::code).toList());
        Set<Long> candidates = new HashSet<>(byCode.values());
        linked.values().forEach(l -> candidates.add(Long.valueOf(l.cscartId())));
        Map<Long, CsCartProduct> current = store.load(candidates);

        List<SyncOutcome<ProductImport>> outcomes = new ArrayList<>();
        for (ProductImport item : items) {
            SyncLink link = linked.get(item.itemId());
            Long productId = link != null && current.containsKey(Long.valueOf(link.cscartId())) ? Long.valueOf(link.cscartId())
                    : byCode.get(CsCartProductStore.codeKey(item.code()));
            if (productId == null || !current.containsKey(productId)) {
                productId = store.insert(item, target.newProductStatus(), target.companyId(), target.categoryId());
                byCode.put(CsCartProductStore.codeKey(item.code()), productId);
            } else {
                store.repair(productId, item, target.categoryId());
                store.update(current.get(productId), item);
            }
            outcomes.add(SyncOutcome.accepted(item, SyncLink.synced(XeroItemWriter.ENTITY, Long.toString(productId),
                    item.itemId(), item.code(), PayloadHash.of(item))));
        }
        @SuppressWarnings("unchecked")
        Chunk<ProductImport> written = (Chunk<ProductImport>) chunk;
        recorder.record(written, outcomes);
    }
}
