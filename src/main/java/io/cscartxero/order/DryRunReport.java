package io.cscartxero.order;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cscartxero.infra.DataDirectory;
import io.cscartxero.xero.model.XeroJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * dryRun=true: the invoices that would be sent, one JSON object per line in a report file and a line per chunk in the
 * log (a line per invoice at DEBUG). Nothing is sent to Xero and nothing is linked. The file ({@link DryRunReportFiles}) is created new, 0600,
 * through no symbolic link; later chunks append to it, and a restart of the execution continues it.
 */
class DryRunReport extends InvoiceWriter {

    private static final Logger log = LoggerFactory.getLogger(DryRunReport.class);

    /** Step context: the report this execution writes (present: a restart continues that file). */
    static final String FILE_KEY = "dryRunReport.file";

    private Path file;
    private boolean created;

    DryRunReport(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    @Override
    public void open(ExecutionContext context) {
        if (context.containsKey(FILE_KEY)) {   // a restart: the same file, which the first execution may have created
            file = Path.of(context.getString(FILE_KEY));
            created = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
        }
    }

    @Override
    public void update(ExecutionContext context) {
        context.putString(FILE_KEY, file.toString());
    }

    @Override
    public void write(Chunk<? extends InvoiceSyncItem> chunk) {
        // the lines formatted on all cores, in the chunk's order, before the file is touched
        List<byte[]> lines = chunk.getItems().parallelStream().map(DryRunReport::line).toList();
        try {
            Set<OpenOption> options;
            if (created) {
                options = Set.of(StandardOpenOption.WRITE, StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS);
            } else {
                DryRunReportFiles.createDirectories(file);
                options = Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW, LinkOption.NOFOLLOW_LINKS);
            }
            try (SeekableByteChannel channel = Files.newByteChannel(file, options, DataDirectory.privateFileAttributes())) {
                if (!created) {
                    DataDirectory.restrict(file);   // 0600 whatever the umask
                    created = true;
                }
                // line by line through one buffer: a chunk of 500 invoices as one String was a humongous allocation
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
                for (byte[] line : lines) {
                    out.write(line);
                    out.write('\n');
                }
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the dry-run report " + file, e);
        }
        // one line per chunk: a line per invoice was a twentieth of a 100,000-order dry run, and the report has them all
        if (!chunk.isEmpty()) {
            log.info("Dry run: orders {} to {}: {} invoice(s) added to {}", chunk.getItems().get(0).order().orderId(),
                    chunk.getItems().get(chunk.size() - 1).order().orderId(), chunk.size(), file);
        }
        if (log.isDebugEnabled()) {
            chunk.forEach(item -> log.debug("Dry run: order {} → {} total {} ({} lines)", item.order().orderId(),
                    item.invoice().invoiceNumber(), item.expectedTotal(), item.invoice().lineItems().size()));
        }
    }

    /** One line of the report (without its line end): the order, its buyer, the total it must reach and the invoice. */
    static byte[] line(InvoiceSyncItem item) {
        String buyer = OrderBuyer.contactKey(item.order());
        byte[] invoice = item.invoiceJson();
        byte[] head = invoice == null ? null : plainHead(item.order().orderId(), buyer, item.expectedTotal());
        if (head == null) {
            return XeroJson.MAPPER.writeValueAsBytes(entry(item.order().orderId(), buyer, item.expectedTotal(), item.invoice()));
        }
        // the invoice as the processor already wrote it for the payload hash, spliced in as the last member: the same
        // bytes as the mapper writes for the entry with the invoice in it
        byte[] line = new byte[head.length + INVOICE_MEMBER.length + invoice.length + 1];
        System.arraycopy(head, 0, line, 0, head.length);
        System.arraycopy(INVOICE_MEMBER, 0, line, head.length, INVOICE_MEMBER.length);
        System.arraycopy(invoice, 0, line, head.length + INVOICE_MEMBER.length, invoice.length);
        line[line.length - 1] = '}';
        return line;
    }

    /** The report entry as the mapper writes it (null members left out, as {@link XeroJson#MAPPER} does). */
    static Map<String, Object> entry(long orderId, String buyer, BigDecimal expectedTotal, Object invoice) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("orderId", orderId);
        entry.put("buyer", buyer);
        entry.put("expectedTotal", expectedTotal);
        if (invoice != null) {
            entry.put("invoice", invoice);
        }
        return entry;
    }

    /**
     * {@code {"orderId":1,"buyer":"customer:7","expectedTotal":12.50} without its closing brace, written directly —
     * the mapper's map serialisation per line was a tenth of a dry run's serial write — when the buyer needs no JSON
     * escaping (printable ASCII without quote or backslash: "customer:7", "guest:a@b.example"); else null (the mapper
     * writes the line). The amount as the mapper writes a BigDecimal ({@code toString()}).
     */
    static byte[] plainHead(long orderId, String buyer, BigDecimal expectedTotal) {
        StringBuilder head = new StringBuilder(96).append("{\"orderId\":").append(orderId);
        if (buyer != null) {
            for (int i = 0; i < buyer.length(); i++) {
                char c = buyer.charAt(i);
                if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                    return null;
                }
            }
            head.append(",\"buyer\":\"").append(buyer).append('"');
        }
        if (expectedTotal != null) {
            head.append(",\"expectedTotal\":").append(expectedTotal);
        }
        return head.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static final byte[] INVOICE_MEMBER = ",\"invoice\":".getBytes(StandardCharsets.US_ASCII);
}
