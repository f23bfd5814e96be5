package io.cscartxero.sandbox;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import io.cscartxero.sandbox.WhereFilter.Field;
import io.cscartxero.sandbox.WhereFilter.Schema;

/**
 * Xero's {@code order} parameter (a Dynamic LINQ OrderBy, Xero's API docs: paging, order and summaryOnly): comma-separated keys, each a field of
 * a {@link Schema} with an optional direction, e.g. {@code Name ASC}, {@code UpdatedDateUTC DESC}, {@code ContactID}.
 * Strings compare case-insensitively (SQL Server's default collation) and nulls come first ascending, last descending,
 * as in SQL Server. Ties keep the endpoint's default order. Errors as for {@code where}: 400 QueryParseException.
 */
final class OrderBy {

    private OrderBy() {
    }

    /** The requested order followed by {@code defaultOrder} for ties; a blank order is {@code defaultOrder} alone. */
    static <T> Comparator<T> compile(String order, Schema<T> schema, Comparator<T> defaultOrder) {
        if (order == null || order.isBlank()) return defaultOrder;
        List<String> tokens = WhereFilter.tokenize(order);
        Comparator<T> result = null;
        int pos = 0;
        while (true) {
            if (pos >= tokens.size()) throw error("Expression expected");
            String path = tokens.get(pos++);
            if (!Character.isLetter(path.charAt(0))) throw error("Syntax error '" + path + "'");
            while (pos + 1 < tokens.size() && ".".equals(tokens.get(pos))) {
                path = path + "." + tokens.get(pos + 1);
                pos += 2;
            }
            Field<T> field = schema.fields().get(path);
            if (field == null) {
                throw error("No property or field '" + path + "' exists in type '" + schema.typeName() + "'");
            }
            Comparator<T> key = (a, b) -> compare(field.getter().apply(a), field.getter().apply(b));
            String direction = pos < tokens.size() ? tokens.get(pos).toUpperCase(Locale.ROOT) : "";
            if (List.of("ASC", "ASCENDING", "DESC", "DESCENDING").contains(direction)) {
                if (direction.startsWith("DESC")) key = key.reversed();
                pos++;
            }
            result = result == null ? key : result.thenComparing(key);
            if (pos == tokens.size()) return result.thenComparing(defaultOrder);
            if (!",".equals(tokens.get(pos))) throw error("Syntax error '" + tokens.get(pos) + "'");
            pos++;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        if (a == null || b == null) return a == null ? (b == null ? 0 : -1) : 1;
        if (a instanceof String s && b instanceof String t) return s.compareToIgnoreCase(t);
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) return x.compareTo(y);
        return ((Comparable) a).compareTo(b);
    }

    private static XeroApiException error(String message) {
        return new XeroApiException(XeroErrors.queryParse(message));
    }
}
