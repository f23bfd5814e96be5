package io.cscartxero.payment;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cscartxero.cscart.CsCartProperties;
import io.cscartxero.cscart.php.PhpArray;
import io.cscartxero.cscart.php.PhpFormatException;
import io.cscartxero.cscart.php.PhpUnserializer;
import io.cscartxero.cscart.php.PhpValue;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * When orders were paid, from CS-Cart's log ({@code logs}, type {@code orders}, action {@code status}; on by default
 * through {@code log_type_orders}): the first change into a paid status. CS-Cart's fn_log_event stores the content as
 * PHP serialize(['order' => '# 12', 'id' => 12, 'status' => 'Open&nbsp;&#8212;&gt;&nbsp;Paid']) with the statuses'
 * translated names; both that and a plain "Open -> Paid" are read. One streamed query per run.
 */
final class StatusLog {

    private static final Pattern CHANGE = Pattern.compile("^(.*?)\\s*(?:-|\u2014|\u2013)+>\\s*(.*)$", Pattern.DOTALL);
    private static final Pattern ORDER_NUMBER = Pattern.compile("#\\s*(\\d+)");

    private StatusLog() {
    }

    /** A status change read from one log row: the order and the name of the status it went into. */
    record Change(long orderId, String to) {
    }

    /** order id → unix time of its first change into a paid status, for the given orders. */
    static Map<Long, Long> firstPaid(NamedParameterJdbcTemplate cscart, CsCartProperties properties, Set<Long> orders,
            PaidStatuses paid) {
        Map<Long, Long> first = new HashMap<>();
        if (orders.isEmpty()) {
            return first;
        }
        cscart.query("SELECT timestamp, content FROM " + properties.table("logs")
                + " WHERE type = 'orders' AND action = 'status' ORDER BY timestamp, log_id", Map.of(), rs -> {
                    Change change = parse(rs.getString(2));
                    if (change != null && orders.contains(change.orderId()) && !first.containsKey(change.orderId())
                            && paid.isPaidName(change.to())) {
                        first.put(change.orderId(), rs.getLong(1));
                    }
                });
        return first;
    }

    /** The change a log row's content records, or null when it is not one (or not readable). */
    static Change parse(String content) {
        if (content == null || content.isEmpty()) {
            return null;
        }
        PhpArray entries;
        try {
            PhpValue value = PhpUnserializer.parse(content.getBytes(StandardCharsets.UTF_8));
            if (!(value instanceof PhpArray array)) {
                return null;
            }
            entries = array;
        } catch (PhpFormatException | RuntimeException e) {
            return null;
        }
        Long orderId = null;
        String id = entries.containsKey("id") ? entries.getString("id") : null;
        if (id != null && id.trim().matches("\\d+")) {
            orderId = Long.valueOf(id.trim());
        } else if (entries.containsKey("order")) {
            Matcher m = ORDER_NUMBER.matcher(String.valueOf(entries.getString("order")));
            if (m.find()) {
                orderId = Long.valueOf(m.group(1));
            }
        }
        String status = entries.containsKey("status") ? entries.getString("status") : null;
        if (orderId == null || status == null) {
            return null;
        }
        Matcher change = CHANGE.matcher(unescape(status));
        return change.matches() ? new Change(orderId, change.group(2).trim()) : null;
    }

    private static String unescape(String html) {
        return html.replace("&nbsp;", " ").replace("&#8212;", "\u2014").replace("&mdash;", "\u2014").replace("&gt;", ">")
                .replace("&#62;", ">").replace("&amp;", "&").replace('\u00a0', ' ');
    }
}
