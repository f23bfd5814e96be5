package io.cscartxero.payment;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.cscartxero.cscart.CsCartProperties;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The order statuses that mean "paid": those whose {@code status_data} row says {@code payment_received = 'Y'}
 * (P and C in a default install; a merchant's own statuses count as they are configured), with their names in every
 * language (CS-Cart's status log records status changes by translated name).
 *
 * @param statuses the status letters (type 'O')
 * @param names    their names ({@code status_descriptions.description}), lower case, all languages
 */
record PaidStatuses(Set<String> statuses, Set<String> names) {

    static PaidStatuses read(NamedParameterJdbcTemplate cscart, CsCartProperties properties) {
        Set<String> statuses = new TreeSet<>(cscart.queryForList("SELECT s.status FROM " + properties.table("statuses") + " s JOIN "
                + properties.table("status_data") + " d ON d.status_id = s.status_id WHERE s.type = 'O' AND d.param = 'payment_received' "
                + "AND d.value = 'Y'", Map.of(), String.class));
        Set<String> names = new HashSet<>();
        if (!statuses.isEmpty()) {
            List<String> found = cscart.queryForList("SELECT d.description FROM " + properties.table("statuses") + " s JOIN "
                    + properties.table("status_descriptions") + " d ON d.status_id = s.status_id WHERE s.type = 'O' AND s.status IN (:statuses)",
                    Map.of("statuses", statuses), String.class);
            found.forEach(n -> names.add(normalise(n)));
        }
        return new PaidStatuses(Set.copyOf(statuses), Set.copyOf(names));
    }

    boolean isPaidName(String name) {
        return name != null && names.contains(normalise(name));
    }

    static String normalise(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
