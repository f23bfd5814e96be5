/**
 * Tenants: several storefronts synced to several Xero organisations by one installation. A tenant is a named overlay
 * of configuration ({@code tenants.<name>.<key>=<value>}); the context of a tenant ({@code connector.tenant=<name>},
 * set by {@code --tenant}) sees the tenant's values unprefixed ({@link TenantPropertySource}), so every feature stays
 * single-tenant. Knows no other package of the connector.
 */
package io.cscartxero.tenant;
