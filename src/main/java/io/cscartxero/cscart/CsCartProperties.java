package io.cscartxero.cscart;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the CS-Cart database is and how its tables are named. The store's own settings (time zone, default
 * language, primary currency) are read from the store by {@link StoreSettingsService}; {@code timezone} and
 * {@code language} here only override them.
 *
 * @param tablePrefix CS-Cart's table prefix; the only text ever concatenated into SQL, hence the strict pattern
 * @param language    optional override of the store's default language (two-letter lang_code)
 * @param datasource  JDBC connection of the CS-Cart database
 * @param timezone    optional override of the store's time zone (an IANA zone id such as Europe/Berlin)
 */
@ConfigurationProperties("cscart")
public record CsCartProperties(@DefaultValue("cscart_") String tablePrefix, String language,
        @DefaultValue Datasource datasource, String timezone) {

    static final Pattern PREFIX = Pattern.compile("^[a-z0-9_]{0,32}$");
    static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2}$");

    @ConstructorBinding
    public CsCartProperties {
        if (tablePrefix == null || !PREFIX.matcher(tablePrefix).matches()) {
            throw new IllegalArgumentException("cscart.table-prefix must match " + PREFIX.pattern() + " but was '" + tablePrefix + "'");
        }
        language = blankToNull(language);
        if (language != null && !LANGUAGE.matcher(language).matches()) {
            throw new IllegalArgumentException("cscart.language must be a two-letter CS-Cart lang_code but was '" + language + "'");
        }
        timezone = blankToNull(timezone);
        if (timezone != null) {
            try {
                ZoneId.of(timezone);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("cscart.timezone must be a time zone id such as Europe/Berlin but was '" + timezone + "'");
            }
        }
    }

    /** Without the overrides (the store's own settings apply). */
    public CsCartProperties(String tablePrefix, String language, Datasource datasource) {
        this(tablePrefix, language, datasource, null);
    }

    public record Datasource(String url, String username, String password) {
        @Override
        public String toString() {
            return "Datasource[url=" + url + ", username=" + username + ", password=***]";
        }
    }

    /** The prefixed name of a CS-Cart table; {@code name} is always a constant from our own code. */
    public String table(String name) {
        return tablePrefix + name;
    }

    /** The same settings with the language the store settings resolved (for code that reads {@link #language()}). */
    public CsCartProperties withLanguage(String resolved) {
        return new CsCartProperties(tablePrefix, resolved, datasource, timezone);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
