package io.cscartxero.xero.model;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A Xero tax rate ({@code GET /TaxRates}): TaxType (OUTPUT, TAX001...), Status ACTIVE/DELETED/ARCHIVED/PENDING,
 * EffectiveRate (4 dp, compound components included), ReportTaxType (AU, NZ and UK organisations only).
 */
public record TaxRate(String name, String taxType, String status, BigDecimal effectiveRate, Boolean canApplyToRevenue,
        String reportTaxType, BigDecimal displayTaxRate, List<TaxComponent> taxComponents) {

    public TaxRate(String name, String taxType, String status, BigDecimal effectiveRate, Boolean canApplyToRevenue) {
        this(name, taxType, status, effectiveRate, canApplyToRevenue, null, null, null);
    }

    public TaxRate {
        taxComponents = taxComponents == null ? List.of() : List.copyOf(taxComponents);
    }

    @JsonIgnore // not a field of Xero's: must not be sent in PUT /TaxRates
    public boolean isActive() {
        return "ACTIVE".equals(status);
    }

    @JsonIgnore
    public boolean revenue() {
        return Boolean.TRUE.equals(canApplyToRevenue);
    }

    /** One component (state, county, VAT...). */
    public record TaxComponent(String name, BigDecimal rate, Boolean isCompound, Boolean isNonRecoverable) {
    }
}
