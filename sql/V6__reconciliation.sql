-- Store-vs-Xero reconciliation (reconcileJob). Read-only on both sides: these rows are the report.
-- One row per reconciliation run over a period, with its one-line summary.
CREATE TABLE reconcile_run (
    id                BIGINT         NOT NULL AUTO_INCREMENT PRIMARY KEY,
    tenant_id         VARCHAR(64)    NOT NULL,
    job_execution_id  BIGINT,
    period_from       DATE,                     -- since (inclusive); NULL = from the first order
    period_until      DATE,                     -- until (inclusive); NULL = up to now
    started_at        TIMESTAMP(3)   NOT NULL,
    finished_at       TIMESTAMP(3),
    store_sales       DECIMAL(19,2),            -- sum of the store's order totals in the period that should be invoiced
    xero_sales        DECIMAL(19,2),            -- sum of the Totals of the connector's invoices for them in Xero
    difference_count  INT            NOT NULL DEFAULT 0,
    repairable_count  INT            NOT NULL DEFAULT 0,
    xero_calls        INT            NOT NULL DEFAULT 0
);
CREATE INDEX idx_reconcile_run_started ON reconcile_run (started_at);

-- One row per difference found. kind names what differs (MISSING_INVOICE, TOTAL_DIFFERS, TAX_DIFFERS,
-- STATUS_DIFFERS, CONTACT_DIFFERS, VOIDED_IN_XERO, DELETED_IN_XERO, PAID_NOT_IN_XERO, PAID_IN_XERO_NOT_IN_STORE,
-- UNKNOWN_INVOICE, MISSING_CONTACT, MISSING_ITEM, ...). repairable: the normal jobs can put it right once re-queued
-- (reconcile --repair); repaired_at is set when it was re-queued.
CREATE TABLE reconcile_difference (
    id             BIGINT         NOT NULL AUTO_INCREMENT PRIMARY KEY,
    run_id         BIGINT         NOT NULL,
    kind           VARCHAR(40)    NOT NULL,
    entity         VARCHAR(32)    NOT NULL,   -- INVOICE, CONTACT, ITEM, PAYMENT (as in sync_link.entity)
    cscart_id      VARCHAR(64),               -- order_id / user_id / product_id; NULL for a Xero record matching nothing
    xero_id        VARCHAR(64),
    xero_number    VARCHAR(255),              -- InvoiceNumber / ContactNumber / Item Code
    store_value    VARCHAR(255),              -- what the store implies (e.g. 123.45, AUTHORISED)
    xero_value     VARCHAR(255),              -- what Xero has
    amount         DECIMAL(19,2),             -- money at stake (store total - Xero total), when it is about money
    repairable     BOOLEAN        NOT NULL DEFAULT FALSE,
    repaired_at    TIMESTAMP(3),
    message        VARCHAR(1000)  NOT NULL
);
CREATE INDEX idx_reconcile_difference_run ON reconcile_difference (run_id, kind);
