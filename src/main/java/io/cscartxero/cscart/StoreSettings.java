package io.cscartxero.cscart;

import java.time.ZoneId;

/**
 * The store's own settings every job works with, read from the CS-Cart database once per run (see
 * {@link StoreSettingsService}), each overridable by a property.
 *
 * @param zone     the store's time zone ({@code settings_objects} {@code timezone}; override {@code cscart.timezone}):
 *                 invoice dates, {@code since}, the nightly run of {@code serve}
 * @param currency the primary currency ({@code currencies.is_primary='Y'}); null when the store has none or several
 * @param language the default language ({@code settings_objects} {@code backend_default_language}; override
 *                 {@code cscart.language}): names are read in it, rows the imports create get it
 */
public record StoreSettings(ZoneId zone, String currency, String language) {
}
