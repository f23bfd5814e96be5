package io.cscartxero.xero.model;

import java.math.BigDecimal;

public record TaxRate(String name, String taxType, String status, BigDecimal effectiveRate, Boolean canApplyToRevenue) {
}
