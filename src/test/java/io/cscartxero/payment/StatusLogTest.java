package io.cscartxero.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.cscartxero.testsupport.PhpSerialize;
import io.cscartxero.xero.XeroProperties;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** CS-Cart's status log rows as fn_log_event writes them, and the payment-method → account mapping. */
class StatusLogTest {

    @Test
    void readsTheOrderAndTheStatusItWentInto() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("order", "# 12");
        row.put("id", "12");
        row.put("status", "Open&nbsp;&#8212;&gt;&nbsp;Paid");
        assertThat(StatusLog.parse(PhpSerialize.serializeToString(row))).isEqualTo(new StatusLog.Change(12, "Paid"));
        // no id entry, a plain arrow, a translated name
        Map<String, Object> translated = new LinkedHashMap<>();
        translated.put("order", "# 345");
        translated.put("status", "Ouverte -> Terminée");
        assertThat(StatusLog.parse(PhpSerialize.serializeToString(translated))).isEqualTo(new StatusLog.Change(345, "Terminée"));
        assertThat(StatusLog.parse("a:1:{s:5:\"order\";s:4:\"# 12\";}")).as("a create row").isNull();
        assertThat(StatusLog.parse("not serialized")).isNull();
        assertThat(StatusLog.parse(null)).isNull();
    }

    @Test
    void paidNamesAreComparedWithoutCaseOrSpaces() {
        PaidStatuses paid = new PaidStatuses(Set.of("P", "C"), Set.of("paid", "complete", "terminée"));
        assertThat(paid.isPaidName(" Complete ")).isTrue();
        assertThat(paid.isPaidName("Terminée")).isTrue();
        assertThat(paid.isPaidName("Open")).isFalse();
    }

    @Test
    void aMethodsAccountIsItsOwnElseTheDefaultAndBlankMeansUnpaid() {
        XeroProperties xero = bind(Map.of("xero.payment-accounts.1", "090", "xero.payment-accounts.4", " ",
                "xero.payment-account", "091"));
        assertThat(xero.paymentAccountFor(1)).isEqualTo("090");
        assertThat(xero.paymentAccountFor(2)).isEqualTo("091");
        assertThat(xero.paymentAccountFor(4)).as("blank: deliberately unpaid").isNull();
        assertThat(bind(Map.of()).paymentAccountFor(1)).isNull();
    }

    private static XeroProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("xero", XeroProperties.class);
    }
}
