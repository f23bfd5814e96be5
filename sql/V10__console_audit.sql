-- Operator console (serve, console.enabled=true): every action an operator takes in the browser — login (and a
-- refused login), run, restart, stop, connect, disconnect, check, CSV download — who, when, what. Never a password
-- or a token: detail holds the job, the execution id, the parameters or the filter.
CREATE TABLE console_audit (
    id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    at          TIMESTAMP(3)  NOT NULL,
    username    VARCHAR(100)  NOT NULL,
    action      VARCHAR(40)   NOT NULL,
    detail      VARCHAR(1000),
    remote_addr VARCHAR(64),
    outcome     VARCHAR(1000)
);
CREATE INDEX idx_console_audit_at ON console_audit (at);

-- Xero calls per hour as the serve process counted them (the console's chart of calls against the limit).
CREATE TABLE console_xero_calls (
    hour_start  TIMESTAMP(3)  NOT NULL PRIMARY KEY,
    calls       BIGINT        NOT NULL
);
