-- cscart-xero connector schema (portable: H2 2.x and MySQL 5.7+/MariaDB 10.x+). Spring Batch's own BATCH_*
-- tables are created by Spring Boot's batch schema initializer.

-- One row per CS-Cart record the connector has sent to a Xero tenant. Written in the chunk transaction, so
-- "record linked" and "checkpoint advanced" commit together.
CREATE TABLE sync_link (
    tenant_id        VARCHAR(64)  NOT NULL,
    entity           VARCHAR(32)  NOT NULL,   -- CONTACT, ITEM, INVOICE
    cscart_id        VARCHAR(64)  NOT NULL,   -- user_id, product_id, order_id (guests: email hash)
    state            VARCHAR(16)  NOT NULL,   -- SYNCED, or REJECTED (Xero refused this payload; not re-sent until it changes)
    xero_id          VARCHAR(64),             -- ContactID / ItemID / InvoiceID
    xero_key         VARCHAR(255),            -- ContactNumber / Item Code / InvoiceNumber
    payload_hash     CHAR(64)     NOT NULL,   -- SHA-256 of the last payload sent: unchanged records are not sent
    job_execution_id BIGINT,
    synced_at        TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (tenant_id, entity, cscart_id)
);
CREATE INDEX idx_sync_link_xero ON sync_link (tenant_id, entity, xero_id);

-- One row per record a job skipped, with Xero's own message. Written in its own transaction (REQUIRES_NEW) so
-- a chunk rollback cannot lose it; the unique key keeps a re-processed chunk from logging twice.
CREATE TABLE sync_error (
    id               BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    job_execution_id BIGINT       NOT NULL,
    job_name         VARCHAR(100) NOT NULL,
    step_name        VARCHAR(100) NOT NULL,
    entity           VARCHAR(32)  NOT NULL,
    cscart_id        VARCHAR(64)  NOT NULL,
    xero_id          VARCHAR(64),
    message          VARCHAR(2000) NOT NULL,
    payload_summary  VARCHAR(500),
    created_at       TIMESTAMP(3) NOT NULL,
    CONSTRAINT uq_sync_error UNIQUE (job_execution_id, step_name, entity, cscart_id)
);
CREATE INDEX idx_sync_error_created ON sync_error (created_at);

-- OAuth tokens of the Xero connection, AES-GCM encrypted with xero.token-encryption-key.
CREATE TABLE xero_token (
    connection_name   VARCHAR(64)   NOT NULL PRIMARY KEY,
    tenant_id         VARCHAR(64),
    salt              VARCHAR(32)   NOT NULL,
    refresh_token_enc VARCHAR(4000),
    access_token_enc  VARCHAR(8000),
    access_expires_at TIMESTAMP(3),
    updated_at        TIMESTAMP(3)  NOT NULL
);

-- One running execution per job and store: a lease renewed by a heartbeat, taken over when it goes stale
-- (the holder crashed), also between several processes sharing this database.
CREATE TABLE job_lock (
    lock_name    VARCHAR(100) NOT NULL PRIMARY KEY,
    owner        VARCHAR(200) NOT NULL,
    heartbeat_at TIMESTAMP(3) NOT NULL
);
