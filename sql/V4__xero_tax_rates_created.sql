-- Xero tax rates the connector created (xero.tax-rates.create-missing) for CS-Cart taxes at a rate, so that a rerun
-- or a restart uses them instead of creating them again. rate_key: "6@12", "8@8.875+9@2.5".
CREATE TABLE xero_tax_rate_created (
    tenant_id  VARCHAR(64)  NOT NULL,
    rate_key   VARCHAR(255) NOT NULL,
    tax_type   VARCHAR(64)  NOT NULL,
    name       VARCHAR(255) NOT NULL,
    created_at TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (tenant_id, rate_key)
);
