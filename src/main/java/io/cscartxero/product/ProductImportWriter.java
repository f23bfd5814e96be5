package io.cscartxero.product;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

import io.cscartxero.sync.ErrorLog;
import io.cscartxero.sync.PayloadHash;
import io.cscartxero.sync.SyncLink;
import io.cscartxero.sync.SyncLinkRepository;
import io.cscartxero.sync.SyncOutcome;
import io.cscartxero.sync.SyncRecorder;
import io.cscartxero.xero.BookkeepingProperties;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes imported items into CS-Cart: matched by link, then by product_code (a product linked to another item is not
 * taken); matched products get only what someone changed in Xero since the connector last sent or received it
 * ({@link ProductImportChanges}) — a price only when the merchant allows it ({@code cscart.import.update-prices}),
 * otherwise a warning row says what Xero holds — and any child row a crash left out; new ones are inserted complete
 * with the configured status into the configured category; with no category configured an item that would need a new
 * product is skipped (one error-log row naming the property, no link, so it is created once the merchant sets it and
 * reruns with full=true). Imports never change an existing product's status. Links commit with the chunk, except the
 * link of a product just created: CS-Cart's tables are MyISAM (durable at once), so that link is committed in its own
 * transaction right after the product's rows, and a chunk rolled back later does not lose it (the restart updates the
 * product even if its code was changed in Xero meanwhile). A crash between the rows and that commit leaves a product
 * without link that the restart finds by its code and {@link CsCartProductStore#repair repairs}.
 */
class ProductImportWriter implements ItemWriter<ProductImport> {

    /**
     * Settings of the run: status of new products, the main category (with its storefront; both null when
     * {@code cscart.import.category-id} is not set: no product is created), price updates allowed.
     */
    record Target(String newProductStatus, Long categoryId, Long companyId, boolean updatePrices) {

        boolean createsProducts() {
            return categoryId != null;
        }
    }

    private final CsCartProductStore store;
    private final SyncLinkRepository links;
    private final SyncRecorder recorder;
    private final ErrorLog errorLog;
    private final String tenant;
    private final Target target;
    private final BookkeepingProperties bookkeeping;
    /** product id → its item's revenue account, as productExportJob books it ({@link ProductAccounts}) */
    private final LongFunction<String> accounts;
    /** The step execution whose links, error rows and write skips these are. */
    private final StepExecution step;
    /** Commits the link of a product just created, outside the chunk transaction. */
    private final TransactionTemplate ownTransaction;
    /** CS-Cart statements run by this writer (tells whether a record was changed). */
    private int writes;

    ProductImportWriter(CsCartProductStore store, SyncLinkRepository links, SyncRecorder recorder, ErrorLog errorLog, String tenant,
            Target target, BookkeepingProperties bookkeeping, LongFunction<String> accounts, StepExecution step,
            PlatformTransactionManager txManager) {
        this.step = step;
        this.ownTransaction = new TransactionTemplate(txManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.bookkeeping = bookkeeping;
        this.accounts = accounts;
        this.store = store;
        this.links = links;
        this.recorder = recorder;
        this.errorLog = errorLog;
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
        Map<String, SyncLink> productLinks = links.findByCscartIds(tenant, XeroItemWriter.ENTITY, byCode.values().stream().map(String::valueOf).toList());

        List<SyncOutcome<ProductImport>> outcomes = new ArrayList<>();
        Map<Object, ErrorLog.Entry> notCreated = new java.util.IdentityHashMap<>();
        Map<Long, String> claimed = new HashMap<>();
        for (ProductImport item : items) {
            SyncLink link = linked.get(item.itemId());
            if (link != null) {
                CsCartProduct product = current.get(Long.valueOf(link.cscartId()));
                if (product == null) {
                    continue;   // deleted in CS-Cart: an import does not bring it back
                }
                Map<String, String> baseline = link.fieldValues() != null ? link.fieldValues()
                        : ProductImportChanges.exportBaseline(product, link.xeroKey() == null ? item.code() : link.xeroKey());
                int before = writes;
                Map<String, String> received = apply(item, product, baseline);
                outcomes.add(SyncOutcome.accepted(item, new SyncLink(link.entity(), link.cscartId(), SyncLink.State.SYNCED,
                        link.xeroId(), link.xeroKey(), writes > before ? exportHash(product.productId(), link, item) : link.payloadHash(),
                        received)));
                continue;
            }
            Long productId = byCode.get(CsCartProductStore.codeKey(item.code()));
            if (productId != null && current.containsKey(productId)) {
                SyncLink other = productLinks.get(Long.toString(productId));
                String otherItem = other != null && other.state() == SyncLink.State.SYNCED ? other.xeroId() : claimed.get(productId);
                if (otherItem != null && !otherItem.equals(item.itemId())) {
                    outcomes.add(SyncOutcome.rejected(item, SyncLink.rejected(XeroItemWriter.ENTITY, "xero:" + item.itemId(),
                            item.itemId(), item.code(), PayloadHash.of(item)), "CS-Cart product " + productId + " with code "
                            + item.code() + " is linked to another Xero item (" + otherItem + "); this item was not imported",
                            "Code=" + item.code()));
                    continue;
                }
                CsCartProduct product = current.get(productId);
                store.repair(productId, item, target.categoryId());
                Map<String, String> received = apply(item, product, ProductImportChanges.exportBaseline(product, item.code()));
                claimed.put(productId, item.itemId());
                outcomes.add(SyncOutcome.accepted(item, SyncLink.synced(XeroItemWriter.ENTITY, Long.toString(productId),
                        item.itemId(), item.code(), PayloadHash.of(item)).withFieldValues(received)));
                continue;
            }
            if (!target.createsProducts()) {
                notCreated.put(item, noCategory(item));
                continue;
            }
            productId = store.insert(item, target.newProductStatus(), target.companyId(), target.categoryId());
            SyncLink created = SyncLink.synced(XeroItemWriter.ENTITY, Long.toString(productId), item.itemId(), item.code(),
                    PayloadHash.of(item)).withFieldValues(item.fields());
            ownTransaction.executeWithoutResult(tx -> links.saveAll(tenant, step.getJobExecutionId(), List.of(created)));
            byCode.put(CsCartProductStore.codeKey(item.code()), productId);
            claimed.put(productId, item.itemId());
            outcomes.add(SyncOutcome.accepted(item, created));
        }
        @SuppressWarnings("unchecked")
        Chunk<ProductImport> written = (Chunk<ProductImport>) chunk;
        recorder.skip(step, written, notCreated);
        recorder.record(step, written, outcomes);
    }

    /**
     * Writes what changed in Xero since the baseline; returns the field values the link keeps as received: Xero's,
     * except a price that was not applied, which keeps its baseline so the change is still seen (and applied once the
     * merchant turns price updates on).
     */
    private Map<String, String> apply(ProductImport item, CsCartProduct product, Map<String, String> baseline) {
        ProductImportChanges changes = ProductImportChanges.between(baseline, item, product);
        if (changes.isEmpty()) {
            return item.fields();
        }
        writes += store.update(product.productId(), changes, target.updatePrices());
        if (changes.price() != null && !target.updatePrices()) {
            warn(product.productId(), item, "Warning: the price of Xero item " + item.code() + " was changed in Xero to "
                    + changes.price().toPlainString() + "; CS-Cart product " + product.productId() + " keeps its price "
                    + (product.price() == null ? "(none)" : product.price().toPlainString())
                    + " (imports change prices of existing products only with cscart.import.update-prices=true)");
            Map<String, String> received = new java.util.LinkedHashMap<>(item.fields());
            received.put(ProductImportChanges.PRICE, baseline.getOrDefault(ProductImportChanges.PRICE, ""));
            return received;
        }
        return item.fields();
    }

    /**
     * The hash of the item the export would now build for the product just updated from Xero: what Xero already
     * holds, so the next export does not send it back (the import does not echo into Xero either). On the product's
     * own revenue account, as the export books it.
     */
    private String exportHash(long productId, SyncLink link, ProductImport item) {
        CsCartProduct now = store.load(Set.of(productId)).get(productId);
        return now == null ? link.payloadHash()
                : PayloadHash.of(ProductItemMapper.toItem(now, link.xeroKey() == null ? item.code() : link.xeroKey(), bookkeeping,
                        accounts.apply(productId)));
    }

    /** The error-log row of an item skipped because no category for new products is configured. */
    private ErrorLog.Entry noCategory(ProductImport item) {
        return ErrorLog.Entry.of(step, XeroItemWriter.ENTITY, "xero:" + item.itemId(), item.itemId(), "Xero item " + item.code()
                        + " has no CS-Cart product and was not created: no category for new products is configured. Set "
                        + "cscart.import.category-id (environment variable CSCART_IMPORT_CATEGORY_ID) to the category "
                        + "imported products should go into, then run productImportJob full=true", "Code=" + item.code());
    }

    /** A row in the error log that skips nothing: the item was imported, one of its values was not. */
    private void warn(long productId, ProductImport item, String message) {
        errorLog.record(ErrorLog.Entry.of(step, XeroItemWriter.ENTITY, Long.toString(productId), item.itemId(), message, "Code=" + item.code()));
    }
}
