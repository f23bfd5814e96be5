package io.cscartxero.console;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code console.*}: serve's operator console. The password is deliberately not a component: it is read once from
 * {@code console.password} ({@code CONSOLE_PASSWORD}) by {@link ConsoleSecurityConfiguration}, hashed, and only the
 * hash is kept.
 *
 * @param enabled        serve the console (default off)
 * @param username       the one operator account's user name
 * @param xeroShortCode  the organisation's short code (Xero: Settings, or GET /Organisation ShortCode); with it the
 *                       links to Xero records open in that organisation, without it in the one last used
 */
@ConfigurationProperties("console")
public record ConsoleProperties(@DefaultValue("false") boolean enabled, @DefaultValue("operator") String username,
        String xeroShortCode) {

    public ConsoleProperties {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("console.username must not be blank");
        }
        username = username.strip();
        xeroShortCode = xeroShortCode == null || xeroShortCode.isBlank() ? null : xeroShortCode.strip();
        if (xeroShortCode != null && !xeroShortCode.matches("[!A-Za-z0-9-]{1,20}")) {
            throw new IllegalArgumentException("console.xero-short-code must be the organisation's short code such as !a1B2c but was '"
                    + xeroShortCode + "'");
        }
    }
}
