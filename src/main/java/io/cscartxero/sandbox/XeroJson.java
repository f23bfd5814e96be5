package io.cscartxero.sandbox;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** JSON helpers and Xero's date formats. */
final class XeroJson {

    /**
     * Duplicate property names are an error, as in Xero ("...no duplicate elements of the same name"). Decimals are
     * read as BigDecimal: money must not pass through double (25.06 is not a double).
     */
    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private static final Pattern MS_DATE = Pattern.compile("/Date\\((-?\\d+)([+-]\\d{4})?\\)/");
    private static final DateTimeFormatter CONNECTION_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS");

    private XeroJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    static byte[] bytes(JsonNode node) {
        return MAPPER.writeValueAsBytes(node);
    }

    /** Parses JSON; throws {@link tools.jackson.core.JacksonException} on malformed input. */
    static JsonNode parse(byte[] body) {
        return MAPPER.readTree(body);
    }

    /** {@code /Date(1551399323399+0000)/}, the form Xero uses for UpdatedDateUTC and other entity dates. */
    static String msDate(Instant instant) {
        return "/Date(" + instant.toEpochMilli() + "+0000)/";
    }

    /** {@code /Date(1551399323399)/}, the form of the envelope's DateTimeUTC. */
    static String msDateNoOffset(Instant instant) {
        return "/Date(" + instant.toEpochMilli() + ")/";
    }

    /** Parses either MS date form; the offset only says how the date was displayed, the millis are UTC. */
    static Instant parseMsDate(String text) {
        Matcher m = MS_DATE.matcher(text.trim());
        if (!m.matches()) throw new IllegalArgumentException("not an MS JSON date: " + text);
        return Instant.ofEpochMilli(Long.parseLong(m.group(1)));
    }

    /** {@code 2019-12-07T18:46:19.5165400}, the form used by {@code GET /connections}. */
    static String connectionDate(Instant instant) {
        return CONNECTION_DATE.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    /** {@code /Date(1552262400000+0000)/}: a calendar date (Invoice Date, DueDate, lock dates) is midnight UTC. */
    static String msDate(LocalDate date) {
        return msDate(date.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** {@code 2019-03-11T00:00:00}, the DateString / DueDateString form. */
    static String dateString(LocalDate date) {
        return date + "T00:00:00";
    }

    /** {@code 2019-11-14T18:10:38Z}, the UpdatedDateUTCString form. */
    static String isoSeconds(Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    /** Amounts are rendered with a fixed number of decimals, like Xero's {@code 40.00} and {@code 1.0000}. */
    static BigDecimal scaled(BigDecimal value, int scale) {
        return (value == null ? BigDecimal.ZERO : value).setScale(scale, RoundingMode.HALF_UP);
    }

    /** The common response envelope: {@code {"Id","Status":"OK","ProviderName","DateTimeUTC"}}. */
    static ObjectNode envelope(Instant now) {
        ObjectNode envelope = object();
        envelope.put("Id", newId());
        envelope.put("Status", "OK");
        envelope.put("ProviderName", ContactsEndpoint.PROVIDER_NAME);
        envelope.put("DateTimeUTC", msDateNoOffset(now));
        return envelope;
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }
}
