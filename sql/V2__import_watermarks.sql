-- Where each import stopped: the newest UpdatedDateUTC Xero reported in the last successful run, sent back as
-- If-Modified-Since next time. Advanced only by a run that completed.
CREATE TABLE sync_watermark (
    tenant_id  VARCHAR(64)  NOT NULL,
    name       VARCHAR(64)  NOT NULL,
    value_utc  TIMESTAMP(3) NOT NULL,
    updated_at TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (tenant_id, name)
);
