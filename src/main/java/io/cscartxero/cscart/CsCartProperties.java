package io.cscartxero.cscart;

import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the CS-Cart database is and how its tables are named.
 *
 * @param tablePrefix CS-Cart's table prefix; the only text ever concatenated into SQL, hence the strict pattern
 * @param language    language code used to read translatable names
 * @param datasource  JDBC connection of the CS-Cart database
 */
@ConfigurationProperties("cscart")
public record CsCartProperties(@DefaultValue("cscart_") String tablePrefix, @DefaultValue("en") String language,
        @DefaultValue Datasource datasource) {

    static final Pattern PREFIX = Pattern.compile("^[a-z0-9_]{0,32}$");
    static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2}$");

    public CsCartProperties {
        if (tablePrefix == null || !PREFIX.matcher(tablePrefix).matches()) {
            throw new IllegalArgumentException("cscart.table-prefix must match " + PREFIX.pattern() + " but was '" + tablePrefix + "'");
        }
        if (language == null || !LANGUAGE.matcher(language).matches()) {
            throw new IllegalArgumentException("cscart.language must be a two-letter CS-Cart lang_code but was '" + language + "'");
        }
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
}
