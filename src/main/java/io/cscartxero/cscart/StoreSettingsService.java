package io.cscartxero.cscart;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.cscartxero.infra.DataSourcesConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the store's time zone, primary currency and default language from the CS-Cart database, once per run
 * (the first job or command that needs them), and applies the {@code cscart.timezone} / {@code cscart.language}
 * overrides. Commands that never touch the store never trigger the read: the {@link StoreSettings} bean is lazy.
 */
@Component
public class StoreSettingsService {

    private static final Logger log = LoggerFactory.getLogger(StoreSettingsService.class);

    /** CS-Cart's settings (settings_objects.name), as in its install data. */
    static final String TIMEZONE = "timezone";
    static final String BACKEND_LANGUAGE = "backend_default_language";
    static final String FRONTEND_LANGUAGE = "frontend_default_language";

    private final NamedParameterJdbcTemplate cscart;
    private final CsCartProperties properties;
    private volatile Reading cached;

    public StoreSettingsService(@Qualifier(DataSourcesConfiguration.CSCART) NamedParameterJdbcTemplate cscart, CsCartProperties properties) {
        this.cscart = cscart;
        this.properties = properties;
    }

    /** What was read and where each value comes from (the {@code check} command prints it). */
    public record Reading(StoreSettings settings, String zoneSource, String currencySource, String languageSource) {
    }

    /** The settings for this run: read from the store on first use, then kept. */
    @Bean
    @Lazy
    StoreSettings storeSettings() {
        return settings();
    }

    public StoreSettings settings() {
        return reading().settings();
    }

    public Reading reading() {
        Reading r = cached;
        if (r == null) {
            synchronized (this) {
                r = cached;
                if (r == null) {
                    r = read();
                    log.info("Store settings: time zone {} ({}), primary currency {} ({}), language {} ({})",
                            r.settings().zone(), r.zoneSource(), r.settings().currency(), r.currencySource(),
                            r.settings().language(), r.languageSource());
                    cached = r;
                }
            }
        }
        return r;
    }

    private Reading read() {
        String storeZone = setting(TIMEZONE);
        ZoneId zone;
        String zoneSource;
        if (properties.timezone() != null) {
            zone = ZoneId.of(properties.timezone());
            zoneSource = "cscart.timezone override" + (storeZone == null ? "" : "; the store says " + storeZone);
        } else if (storeZone == null) {
            zone = ZoneOffset.UTC;
            zoneSource = "the store has no '" + TIMEZONE + "' setting: UTC";
            log.warn("The CS-Cart store has no '{}' setting (settings_objects): dates use UTC. Set cscart.timezone (CSCART_TIMEZONE) to the store's time zone.", TIMEZONE);
        } else {
            ZoneId parsed;
            try {
                parsed = ZoneId.of(storeZone.strip());
            } catch (DateTimeException e) {
                parsed = null;
            }
            if (parsed == null) {
                zone = ZoneOffset.UTC;
                zoneSource = "the store's '" + TIMEZONE + "' setting '" + storeZone + "' is not a time zone: UTC";
                log.warn("The CS-Cart store's '{}' setting '{}' is not a time zone: dates use UTC. Set cscart.timezone (CSCART_TIMEZONE).", TIMEZONE, storeZone);
            } else {
                zone = parsed;
                zoneSource = "CS-Cart setting " + TIMEZONE;
            }
        }

        List<String> primary = cscart.queryForList("SELECT currency_code FROM " + properties.table("currencies")
                + " WHERE is_primary = 'Y' ORDER BY currency_id", Map.of(), String.class);
        String currency = primary.size() == 1 ? primary.get(0) : null;
        String currencySource = primary.size() == 1 ? "currencies.is_primary='Y'"
                : "the store has " + primary.size() + " primary currencies (currencies.is_primary='Y'" + (primary.isEmpty() ? "" : ": " + String.join(", ", primary)) + "); expected one";

        String language;
        String languageSource;
        if (properties.language() != null) {
            language = properties.language();
            languageSource = "cscart.language override";
        } else {
            String backend = setting(BACKEND_LANGUAGE);
            String frontend = setting(FRONTEND_LANGUAGE);
            if (backend != null && CsCartProperties.LANGUAGE.matcher(backend.strip()).matches()) {
                language = backend.strip();
                languageSource = "CS-Cart setting " + BACKEND_LANGUAGE;
            } else if (frontend != null && CsCartProperties.LANGUAGE.matcher(frontend.strip()).matches()) {
                language = frontend.strip();
                languageSource = "CS-Cart setting " + FRONTEND_LANGUAGE;
            } else {
                language = "en";
                languageSource = "the store has no default language setting: en";
                log.warn("The CS-Cart store has no '{}' setting: names are read in 'en'. Set cscart.language (CSCART_LANGUAGE).", BACKEND_LANGUAGE);
            }
        }
        return new Reading(new StoreSettings(zone, currency, language), zoneSource, currencySource, languageSource);
    }

    /** A core setting's value; settings_objects.name is not unique (add-ons), the lowest object_id is core's. */
    private String setting(String name) {
        List<String> values = cscart.queryForList("SELECT value FROM " + properties.table("settings_objects")
                + " WHERE name = :name ORDER BY object_id LIMIT 1", Map.of("name", name), String.class);
        return values.isEmpty() || values.get(0) == null || values.get(0).isBlank() ? null : values.get(0);
    }
}
