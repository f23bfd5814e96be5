package io.cscartxero.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The connector's invoice numbers and their re-issues, read back to orders. */
class InvoiceNumbersTest {

    @Test
    void numbersAndReissuesReadBackToTheirOrder() {
        assertThat(InvoiceNumbers.number("CS-", 1234, 1)).isEqualTo("CS-1234");
        assertThat(InvoiceNumbers.number("CS-", 1234, 2)).isEqualTo("CS-1234-2");
        assertThat(InvoiceNumbers.parse("CS-", "CS-1234")).isEqualTo(new InvoiceNumbers.Parsed(1234, 1));
        assertThat(InvoiceNumbers.parse("CS-", "CS-1234-2")).isEqualTo(new InvoiceNumbers.Parsed(1234, 2));
        assertThat(InvoiceNumbers.parse("CS-", "CS-1234-13")).isEqualTo(new InvoiceNumbers.Parsed(1234, 13));
        // a prefix with a dash, or none at all
        assertThat(InvoiceNumbers.parse("INV-2026-", "INV-2026-7-3")).isEqualTo(new InvoiceNumbers.Parsed(7, 3));
        assertThat(InvoiceNumbers.parse("", "42-2")).isEqualTo(new InvoiceNumbers.Parsed(42, 2));
    }

    @Test
    void whatIsNotTheConnectorsNumberIsNotReadAsOne() {
        for (String number : new String[] {"CS-", "CS-x", "CS-12-", "CS-12-1", "CS-12-0", "CS-12-02", "CS-012", "CS-12-2-3",
                "CN-12", "CS-12a", "CS-99999999999999999999", null}) {
            assertThat(InvoiceNumbers.parse("CS-", number)).as(number).isNull();
        }
    }

    @Test
    void theCurrentNumberIsTheLinksOnlyWhenItIsAReissueOfThatOrder() {
        assertThat(InvoiceNumbers.current("CS-", 12, null)).isEqualTo("CS-12");
        assertThat(InvoiceNumbers.current("CS-", 12, "CS-12")).isEqualTo("CS-12");
        assertThat(InvoiceNumbers.current("CS-", 12, "CS-12-3")).isEqualTo("CS-12-3");
        assertThat(InvoiceNumbers.current("CS-", 12, "CS-13-3")).isEqualTo("CS-12");
        assertThat(InvoiceNumbers.current("SHOP-", 12, "CS-12-3")).as("the prefix changed since").isEqualTo("SHOP-12");
    }

    @Test
    void xerosLimitOf255CharactersIsKept() {
        String prefix = "P".repeat(251);
        assertThat(InvoiceNumbers.number(prefix, 1234, 1)).hasSize(255);
        assertThat(InvoiceNumbers.number(prefix, 1234, 2)).isNull();
        assertThat(InvoiceNumbers.number(prefix, 12, 2)).hasSize(255);
    }
}
