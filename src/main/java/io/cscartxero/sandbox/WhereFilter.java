package io.cscartxero.sandbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A small parser for Xero's {@code where} parameter (a Dynamic LINQ subset) over any entity described by a
 * {@link Schema}:
 * <pre>
 *   expr    := and ( (OR | ||) and )*
 *   and     := unary ( (AND | &amp;&amp;) unary )*
 *   unary   := (NOT | !) unary | '(' expr ')' | operand [ op operand ]
 *   op      := == | = | != | &lt;&gt; | &lt; | &lt;= | &gt; | &gt;=
 *   operand := Field | Field.Contains("x") | Field.StartsWith("x") | Field.EndsWith("x")
 *            | "string" | number | true | false | null | Guid("...") | DateTime(y,m,d[,h,mi,s])
 *   Field   := Name ( '.' Name )*          e.g. Contact.ContactID
 * </pre>
 * String comparisons are case-insensitive (Xero compares in SQL Server's default collation). Errors are reported as
 * Xero does: 400 QueryParseException, ErrorNumber 16, e.g. "No property or field 'Foo' exists in type 'Contact'".
 */
final class WhereFilter<T> {

    /** One filterable element: its static type (String, Boolean, Instant, BigDecimal) and how to read it. */
    record Field<T>(Class<?> type, Function<T, Object> getter) {
        static <T> Field<T> string(Function<T, Object> getter) {
            return new Field<>(String.class, getter);
        }

        static <T> Field<T> bool(Function<T, Object> getter) {
            return new Field<>(Boolean.class, getter);
        }

        static <T> Field<T> decimal(Function<T, Object> getter) {
            return new Field<>(BigDecimal.class, getter);
        }

        static <T> Field<T> dateTime(Function<T, Object> getter) {
            return new Field<>(Instant.class, getter);
        }
    }

    /** The filterable elements of one entity type, by their Xero names (case-sensitive, like the existing code). */
    record Schema<T>(String typeName, Map<String, Field<T>> fields) {
    }

    static final Schema<StoredContact> CONTACTS = contactSchema();

    private final List<String> tokens;
    private final Schema<T> schema;
    private int pos;

    private WhereFilter(List<String> tokens, Schema<T> schema) {
        this.tokens = tokens;
        this.schema = schema;
    }

    /** Compiles a where expression over contacts; throws {@link XeroApiException} (QueryParseException) if invalid. */
    static Predicate<StoredContact> compile(String where) {
        return compile(where, CONTACTS);
    }

    /** Compiles a where expression; throws {@link XeroApiException} (QueryParseException) when it is invalid. */
    static <T> Predicate<T> compile(String where, Schema<T> schema) {
        WhereFilter<T> parser = new WhereFilter<>(tokenize(where), schema);
        Predicate<T> predicate = parser.orExpression();
        if (parser.pos < parser.tokens.size()) throw error("Syntax error '" + parser.tokens.get(parser.pos) + "'");
        return predicate;
    }

    private static Schema<StoredContact> contactSchema() {
        Map<String, Field<StoredContact>> fields = new LinkedHashMap<>();
        for (String name : List.of("ContactID", "ContactNumber", "AccountNumber", "ContactStatus", "Name",
                "FirstName", "LastName", "EmailAddress", "CompanyNumber", "TaxNumber", "BankAccountDetails")) {
            fields.put(name, Field.string(c -> c.field(name)));
        }
        for (String name : List.of("IsSupplier", "IsCustomer", "HasAttachments")) {
            fields.put(name, Field.bool(c -> Boolean.FALSE));
        }
        fields.put("UpdatedDateUTC", Field.dateTime(StoredContact::updatedDateUtc));
        return new Schema<>("Contact", fields);
    }

    // ---- grammar ----

    private Predicate<T> orExpression() {
        Predicate<T> left = andExpression();
        while (acceptKeyword("OR") || accept("||")) {
            Predicate<T> right = andExpression();
            left = left.or(right);
        }
        return left;
    }

    private Predicate<T> andExpression() {
        Predicate<T> left = unary();
        while (acceptKeyword("AND") || accept("&&")) {
            Predicate<T> right = unary();
            left = left.and(right);
        }
        return left;
    }

    private Predicate<T> unary() {
        if (acceptKeyword("NOT") || accept("!")) return unary().negate();
        if (accept("(")) {
            Predicate<T> inner = orExpression();
            expect(")");
            return inner;
        }
        Operand<T> left = operand();
        String op = peek();
        if (op != null && List.of("==", "=", "!=", "<>", "<", "<=", ">", ">=").contains(op)) {
            pos++;
            Operand<T> right = operand();
            return comparison(left, op, right);
        }
        if (left.type() != Boolean.class) throw error("Expression of type 'Boolean' expected");
        return c -> Boolean.TRUE.equals(left.value().apply(c));
    }

    /** A value with its static type (String, Boolean, Instant, BigDecimal or Void for null). */
    private record Operand<T>(Class<?> type, Function<T, Object> value) {
    }

    private Operand<T> operand() {
        String token = next("Expression expected");
        if (token.startsWith("\"")) return constant(String.class, token.substring(1));
        if (Character.isDigit(token.charAt(0)) || token.charAt(0) == '-') {
            return constant(BigDecimal.class, new BigDecimal(token));
        }
        String lower = token.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "true", "false" -> {
                return constant(Boolean.class, Boolean.valueOf(lower));
            }
            case "null" -> {
                return constant(Void.class, null);
            }
            case "guid" -> {
                expect("(");
                String text = stringLiteral();
                expect(")");
                return constant(String.class, text);
            }
            case "datetime" -> {
                return constant(Instant.class, dateTimeLiteral());
            }
            default -> {
            }
        }
        if (!Character.isLetter(token.charAt(0))) throw error("Syntax error '" + token + "'");
        // a dotted path (Contact.ContactID) unless the member is followed by '(' (a method call)
        String path = token;
        while (".".equals(peek()) && pos + 1 < tokens.size() && !"(".equals(at(pos + 2))) {
            path = path + "." + tokens.get(pos + 1);
            pos += 2;
        }
        Operand<T> field = field(path);
        if (accept(".")) {
            String method = next("Identifier expected");
            expect("(");
            String argument = stringLiteral();
            expect(")");
            if (field.type() != String.class) throw error("No applicable method '" + method + "' exists in type");
            String needle = argument.toLowerCase(Locale.ROOT);
            Function<String, Boolean> test = switch (method) {
                case "Contains" -> s -> s.contains(needle);
                case "StartsWith" -> s -> s.startsWith(needle);
                case "EndsWith" -> s -> s.endsWith(needle);
                default -> throw error("No applicable method '" + method + "' exists in type 'String'");
            };
            return new Operand<>(Boolean.class, c -> {
                Object v = field.value().apply(c);
                return v != null && test.apply(((String) v).toLowerCase(Locale.ROOT));
            });
        }
        return field;
    }

    private Operand<T> field(String name) {
        Field<T> field = schema.fields().get(name);
        if (field == null) {
            throw error("No property or field '" + name + "' exists in type '" + schema.typeName() + "'");
        }
        return new Operand<>(field.type(), field.getter());
    }

    private static <T> Predicate<T> comparison(Operand<T> left, String op, Operand<T> right) {
        Class<?> type = left.type() == Void.class ? right.type() : left.type();
        boolean compatible = left.type() == Void.class || right.type() == Void.class || left.type() == right.type();
        if (!compatible) {
            throw error("Operator '" + op + "' incompatible with operand types '" + typeName(left.type()) + "' and '"
                    + typeName(right.type()) + "'");
        }
        boolean ordering = List.of("<", "<=", ">", ">=").contains(op);
        if (ordering && type == Boolean.class) {
            throw error("Operator '" + op + "' incompatible with operand types 'Boolean' and 'Boolean'");
        }
        return c -> {
            Object a = normalise(left.value().apply(c));
            Object b = normalise(right.value().apply(c));
            return switch (op) {
                case "==", "=" -> Objects.equals(a, b);
                case "!=", "<>" -> !Objects.equals(a, b);
                default -> {
                    if (a == null || b == null) yield false;
                    @SuppressWarnings({"unchecked", "rawtypes"})
                    int cmp = ((Comparable) a).compareTo(b);
                    yield switch (op) {
                        case "<" -> cmp < 0;
                        case "<=" -> cmp <= 0;
                        case ">" -> cmp > 0;
                        default -> cmp >= 0;
                    };
                }
            };
        };
    }

    /** Strings compare case-insensitively and trimmed; numbers by value. */
    private static Object normalise(Object value) {
        if (value instanceof String s) return s.trim().toLowerCase(Locale.ROOT);
        if (value instanceof BigDecimal d) return d.stripTrailingZeros();
        return value;
    }

    private Instant dateTimeLiteral() {
        expect("(");
        List<Integer> parts = new ArrayList<>();
        do {
            String number = next("Expression expected");
            try {
                parts.add(Integer.parseInt(number));
            } catch (NumberFormatException e) {
                throw error("Syntax error '" + number + "'");
            }
        } while (accept(","));
        expect(")");
        if (parts.size() != 3 && parts.size() != 6) throw error("No matching constructor in type 'DateTime'");
        try {
            LocalDateTime t = parts.size() == 3 ? LocalDateTime.of(parts.get(0), parts.get(1), parts.get(2), 0, 0)
                    : LocalDateTime.of(parts.get(0), parts.get(1), parts.get(2), parts.get(3), parts.get(4),
                            parts.get(5));
            return t.toInstant(ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            throw error("No matching constructor in type 'DateTime'");
        }
    }

    private String stringLiteral() {
        String token = next("Expression expected");
        if (!token.startsWith("\"")) throw error("Syntax error '" + token + "'");
        return token.substring(1);
    }

    // ---- tokens ----

    private static <T> Operand<T> constant(Class<?> type, Object value) {
        return new Operand<>(type, c -> value);
    }

    private String at(int index) {
        return index < tokens.size() ? tokens.get(index) : null;
    }

    private static String typeName(Class<?> type) {
        return type == Instant.class ? "DateTime" : type == BigDecimal.class ? "Decimal" : type.getSimpleName();
    }

    private String peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private String next(String errorWhenMissing) {
        if (pos >= tokens.size()) throw error(errorWhenMissing);
        return tokens.get(pos++);
    }

    private boolean accept(String symbol) {
        if (symbol.equals(peek())) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean acceptKeyword(String keyword) {
        String token = peek();
        if (token != null && !token.startsWith("\"") && token.equalsIgnoreCase(keyword)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String symbol) {
        if (!accept(symbol)) throw error("'" + symbol + "' expected");
    }

    /** Splits into identifiers, numbers, operators and string literals (kept with a leading quote). */
    static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char ch = text.charAt(i);
            if (Character.isWhitespace(ch)) {
                i++;
            } else if (ch == '"') {
                StringBuilder literal = new StringBuilder("\"");
                i++;
                while (true) {
                    if (i >= text.length()) throw error("Unterminated string literal");
                    char c = text.charAt(i);
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        literal.append('"'); // doubled quote = literal quote
                        i += 2;
                    } else if (c == '"') {
                        i++;
                        break;
                    } else {
                        literal.append(c);
                        i++;
                    }
                }
                tokens.add(literal.toString());
            } else if (Character.isLetter(ch) || ch == '_') {
                int start = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) i++;
                tokens.add(text.substring(start, i));
            } else if (Character.isDigit(ch) || (ch == '-' && i + 1 < text.length()
                    && Character.isDigit(text.charAt(i + 1)))) {
                int start = i++;
                while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) i++;
                tokens.add(text.substring(start, i));
            } else {
                String two = i + 1 < text.length() ? text.substring(i, i + 2) : "";
                if (List.of("==", "!=", "<>", "<=", ">=", "&&", "||").contains(two)) {
                    tokens.add(two);
                    i += 2;
                } else if ("=<>!().,".indexOf(ch) >= 0) {
                    tokens.add(String.valueOf(ch));
                    i++;
                } else {
                    throw error("Syntax error '" + ch + "'");
                }
            }
        }
        return tokens;
    }

    private static XeroApiException error(String message) {
        return new XeroApiException(XeroErrors.queryParse(message));
    }
}
