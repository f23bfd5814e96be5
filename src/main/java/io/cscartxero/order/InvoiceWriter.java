package io.cscartxero.order;

import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * The order export's writer: {@link XeroInvoiceWriter}, or {@link DryRunReport} with {@code dryRun=true}. The
 * step-scoped bean is declared with this class, not with the {@code ItemWriter} interface, so its proxy is a subclass
 * Spring Batch can inspect for listener callbacks (an interface-typed step-scoped bean draws "ItemWriter is an
 * interface..." on every run). An {@link ItemStream} (no-op by default) so that the step sees the dry-run report's.
 */
abstract class InvoiceWriter implements ItemWriter<InvoiceSyncItem>, ItemStream {
}
