-- Tenants (issue 14): several storefronts synced to several Xero organisations by one installation. Each error-log
-- row names the tenant whose job logged it ('' = no tenants configured). Links, watermarks and API usage are already
-- keyed by the organisation (tenant_id), the token row by connection_name (the tenant's name, 'default' without
-- tenants), job leases by lock_name (job:tenant) and Spring Batch executions by the identifying parameter 'tenant'.
ALTER TABLE sync_error ADD COLUMN tenant VARCHAR(32) NOT NULL DEFAULT '';
CREATE INDEX idx_sync_error_tenant ON sync_error (tenant, id);
