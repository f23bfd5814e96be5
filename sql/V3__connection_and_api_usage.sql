-- connect / status: which organisation the stored tokens are for (tenant_id is already there), the connection to
-- delete on disconnect, and when the current refresh token was issued (Xero: unused refresh tokens expire after 60
-- days).
ALTER TABLE xero_token ADD COLUMN tenant_name VARCHAR(255);
ALTER TABLE xero_token ADD COLUMN connection_id VARCHAR(64);
ALTER TABLE xero_token ADD COLUMN refresh_issued_at TIMESTAMP(3) NULL;

-- Daily calls left as Xero last reported them (X-DayLimit-Remaining), saved when a job ends, so that `status` in
-- another process can show it.
CREATE TABLE xero_api_usage (
    tenant_id     VARCHAR(64)  NOT NULL PRIMARY KEY,
    day_remaining BIGINT       NOT NULL,
    reported_at   TIMESTAMP(3) NOT NULL
);
