package io.cscartxero.order;

import static io.cscartxero.order.InvoiceCalculatorTest.CALCULATOR;
import static io.cscartxero.order.InvoiceCalculatorTest.line;
import static io.cscartxero.order.InvoiceCalculatorTest.money;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.cscartxero.xero.BookkeepingProperties;
import io.cscartxero.xero.XeroProperties;
import io.cscartxero.xero.model.XeroJson;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** A dry-run report line is byte for byte what the mapper writes for the entry, whichever way it is built. */
class DryRunReportLineTest {

    private final BookkeepingProperties bookkeeping = new Binder(new MapConfigurationPropertySource(Map.of(
            "xero.invoice-number-prefix", "WEB-"))).bindOrCreate("xero", XeroProperties.class).bookkeeping();
    private final OrderToInvoiceProcessor dryRun = new OrderToInvoiceProcessor(CALCULATOR, bookkeeping, "NZD", ZoneId.of("UTC"),
            Map.of(), false, java.util.Set.of(), Map.of(), true);

    private InvoiceSyncItem item(long id, long userId, String email) {
        OrderRow row = new OrderRow(id, userId, "P", 1_769_902_200L, email, "B", "Uyer", "", "", null, null, null, null);
        CsCartOrder order = new CsCartOrder(id, money("20.00", "20.00", "0", "0", "0"), List.of(line(1, "10.00", 2)), List.of(),
                List.of(), "");
        return dryRun.process(new SourceOrder(row, order, null));
    }

    private static String mapper(InvoiceSyncItem item) {
        return new String(XeroJson.MAPPER.writeValueAsBytes(DryRunReport.entry(item.order().orderId(),
                OrderBuyer.contactKey(item.order()), item.expectedTotal(), item.invoice())), StandardCharsets.UTF_8);
    }

    @Test
    void theWrittenHeadAndTheSplicedInvoiceAreTheMappersBytes() {
        for (InvoiceSyncItem item : List.of(item(1, 7, "a@b.example"), item(2, 0, "guest@shop.example"),
                item(3, 0, "o'neil+tag@x.example"))) {
            assertThat(item.invoiceJson()).isNotNull();
            assertThat(DryRunReport.plainHead(item.order().orderId(), OrderBuyer.contactKey(item.order()), item.expectedTotal()))
                    .isNotNull();
            assertThat(new String(DryRunReport.line(item), StandardCharsets.UTF_8)).isEqualTo(mapper(item))
                    .startsWith("{\"orderId\":" + item.order().orderId() + ",\"buyer\":").contains(",\"invoice\":{");
        }
    }

    @Test
    void aBuyerThatNeedsEscapingIsWrittenByTheMapper() {
        for (String email : List.of("zoë@example.com", "quote\"d@example.com", "back\\slash@example.com", "tab\t@example.com")) {
            InvoiceSyncItem item = item(4, 0, email);
            assertThat(DryRunReport.plainHead(4, OrderBuyer.contactKey(item.order()), item.expectedTotal())).isNull();
            assertThat(new String(DryRunReport.line(item), StandardCharsets.UTF_8)).isEqualTo(mapper(item));
        }
    }

    @Test
    void amountsAndAbsentMembersAsTheMapperWritesThem() {
        for (BigDecimal total : new BigDecimal[] { new BigDecimal("0.00"), new BigDecimal("-12.50"), new BigDecimal("1E+3"),
                new BigDecimal("123456789012.34"), null }) {
            for (String buyer : new String[] { "customer:7", null }) {
                byte[] head = DryRunReport.plainHead(9, buyer, total);
                String expected = new String(XeroJson.MAPPER.writeValueAsBytes(DryRunReport.entry(9, buyer, total, null)),
                        StandardCharsets.UTF_8);
                assertThat(new String(head, StandardCharsets.US_ASCII) + "}").isEqualTo(expected);
            }
        }
    }
}
