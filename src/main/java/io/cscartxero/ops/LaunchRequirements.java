package io.cscartxero.ops;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.cscartxero.cscart.CsCartProperties;
import io.cscartxero.xero.XeroProperties;
import io.cscartxero.xero.auth.XeroTokenService;

import org.springframework.stereotype.Component;

/**
 * What a job needs before an execution may be created: the CS-Cart database's URL and the Xero credentials (or a
 * stored connection). A run that can never work is refused with one line naming the property and its environment
 * variable, instead of a FAILED execution with a driver's stack trace and a pointless "restart" hint.
 * Malformed properties (durations, the table prefix, time zone...) already stop the application at start-up.
 */
@Component
public class LaunchRequirements {

    private final CsCartProperties cscart;
    private final XeroProperties xero;
    private final XeroTokenService tokens;

    public LaunchRequirements(CsCartProperties cscart, XeroProperties xero, XeroTokenService tokens) {
        this.cscart = cscart;
        this.xero = xero;
        this.tokens = tokens;
    }

    /** {@code cscart.datasource.url} → {@code CSCART_DATASOURCE_URL} (Spring's relaxed binding of environment variables). */
    public static String envVar(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_').replace("[", "").replace("]", "");
    }

    static String notSet(String property) {
        return property + " is not set (" + envVar(property) + ")";
    }

    /** Problems that stop any job (empty: it may start); {@code callsXero} false for a dry run. */
    public List<String> problems(boolean callsXero) {
        List<String> problems = new ArrayList<>(cscartProblems());
        if (callsXero) {
            problems.addAll(xeroProblems());
        }
        return problems;
    }

    /** One line for the operator, or null when nothing is missing. */
    public String refusal(boolean callsXero) {
        List<String> problems = problems(callsXero);
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    public List<String> cscartProblems() {
        String url = cscart.datasource() == null ? null : cscart.datasource().url();
        if (url == null || url.isBlank()) {
            return List.of(notSet("cscart.datasource.url"));
        }
        try {
            DriverManager.getDriver(url);
        } catch (SQLException e) {
            return List.of("cscart.datasource.url is not a MySQL/MariaDB JDBC URL such as jdbc:mysql://host:3306/cscart ("
                    + envVar("cscart.datasource.url") + ")");
        }
        return List.of();
    }

    public List<String> xeroProblems() {
        List<String> problems = new ArrayList<>();
        if (blank(xero.clientId())) {
            problems.add(notSet("xero.client-id"));
        }
        if (XeroProperties.GRANT_CLIENT_CREDENTIALS.equals(xero.grant())) {
            if (blank(xero.clientSecret())) {
                problems.add(notSet("xero.client-secret") + ": a custom connection (xero.grant=client_credentials) needs it");
            }
        } else if (!tokens.state().usable()) {   // the token key is the key file when xero.token-encryption-key is unset
            problems.add("no Xero connection: run 'connect' once (or set xero.refresh-token, " + envVar("xero.refresh-token") + ")");
        }
        return problems;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
