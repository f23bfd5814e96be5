-- Invoices Xero voided or deleted behind the connector's back while their order is still a sale. Xero keeps such an
-- invoice's number (ACCREC InvoiceNumber is unique), so reconcile --repair re-issues the order under the next number
-- (prefix + order id + '-' + issue, e.g. CS-1234-2) and moves the INVOICE link there; this row keeps the old invoice,
-- so that the reconciliation knows it belongs to the order (never "matches no order", never "voided" again).
CREATE TABLE reissued_invoice (
    tenant_id       VARCHAR(64)   NOT NULL,
    order_id        VARCHAR(64)   NOT NULL,   -- CS-Cart order_id (sync_link.cscart_id of the INVOICE link)
    issue           INT           NOT NULL,   -- the old invoice's issue: 1 = prefix + order id, n = prefix + order id + '-' + n
    invoice_number  VARCHAR(255)  NOT NULL,   -- the old invoice's number (kept by Xero)
    xero_id         VARCHAR(64),              -- the old invoice's InvoiceID
    xero_status     VARCHAR(16)   NOT NULL,   -- VOIDED or DELETED, as reconcileJob found it
    reissued_as     VARCHAR(255)  NOT NULL,   -- the number the order is invoiced under instead
    created_at      TIMESTAMP(3)  NOT NULL,
    PRIMARY KEY (tenant_id, order_id, issue)
);
CREATE INDEX idx_reissued_invoice_xero ON reissued_invoice (tenant_id, xero_id);
