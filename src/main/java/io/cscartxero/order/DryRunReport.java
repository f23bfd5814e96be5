package io.cscartxero.order;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

import io.cscartxero.xero.model.XeroJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.infrastructure.item.Chunk;

/**
 * dryRun=true: the invoices that would be sent, one JSON object per line in a report file and a line each in the
 * log. Nothing is sent to Xero and nothing is linked.
 */
class DryRunReport extends InvoiceWriter {

    private static final Logger log = LoggerFactory.getLogger(DryRunReport.class);

    private final Path file;

    DryRunReport(Path file) {
        this.file = file;
    }

    @Override
    public void write(Chunk<? extends InvoiceSyncItem> chunk) {
        StringBuilder lines = new StringBuilder();
        for (InvoiceSyncItem item : chunk) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("orderId", item.order().orderId());
            entry.put("buyer", OrderBuyer.contactKey(item.order()));
            entry.put("expectedTotal", item.expectedTotal());
            entry.put("invoice", item.invoice());
            lines.append(XeroJson.MAPPER.writeValueAsString(entry)).append('\n');
            log.info("Dry run: order {} → {} total {} ({} lines)", item.order().orderId(), item.invoice().invoiceNumber(),
                    item.expectedTotal(), item.invoice().lineItems().size());
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the dry-run report " + file, e);
        }
    }
}
