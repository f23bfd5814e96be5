package io.cscartxero.sandbox;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reading write bodies and scalar values the way the Accounting API does. Whole-request problems (no data, malformed
 * JSON, an unknown element, a value of the wrong type) throw {@link XeroApiException}: nothing of the request is saved.
 */
final class XeroInput {

    private XeroInput() {
    }

    /**
     * The elements of a write body: {@code {"Items":[...]}}, one element object, or a bare array.
     *
     * @param collection the plural wrapper, e.g. "Items"
     * @param entity     the singular name in NoDataProcessedException, e.g. "Item"
     */
    static List<ObjectNode> elements(SandboxRequest request, String collection, String entity) {
        if (!request.hasBody()) throw new XeroApiException(XeroErrors.noData(entity));
        JsonNode body;
        try {
            body = XeroJson.parse(request.body());
        } catch (JacksonException e) {
            throw new XeroApiException(XeroErrors.postDataInvalid(
                    "JSON for post data was invalid, " + e.getOriginalMessage())); // wording unverified
        }
        List<JsonNode> list = new ArrayList<>();
        if (body.isArray()) {
            body.forEach(list::add);
        } else if (body.isObject() && body.has(collection)) {
            for (String name : body.propertyNames()) {
                if (!name.equals(collection)) throw new XeroApiException(XeroErrors.unknownElement(name));
            }
            JsonNode wrapped = body.get(collection);
            if (wrapped.isArray()) wrapped.forEach(list::add);
            else if (wrapped.isObject()) list.add(wrapped);
            else if (!wrapped.isNull()) throw new XeroApiException(wrongType(collection));
        } else if (body.isObject() && !body.isEmpty()) {
            list.add(body);
        }
        if (list.isEmpty()) throw new XeroApiException(XeroErrors.noData(entity));
        List<ObjectNode> elements = new ArrayList<>();
        for (JsonNode node : list) {
            if (!(node instanceof ObjectNode object)) throw new XeroApiException(wrongType(entity));
            elements.add(object);
        }
        return elements;
    }

    /** Rejects any property not in {@code known} or {@code ignored} with PostDataInvalidException (14). */
    static void checkElements(ObjectNode element, Set<String> known, Set<String> ignored) {
        for (String name : element.propertyNames()) {
            if (!known.contains(name) && !ignored.contains(name)) {
                throw new XeroApiException(XeroErrors.unknownElement(name));
            }
        }
    }

    /** summarizeErrors: omitted or anything but "false" summarises (Xero's API docs: summarizeErrors). */
    static boolean summarize(SandboxRequest request) {
        return !"false".equalsIgnoreCase(request.param("summarizeErrors"));
    }

    /** Decimal places of unit prices: 4 with {@code unitdp=4}, else 2. */
    static int unitDp(SandboxRequest request) {
        return "4".equals(request.param("unitdp") == null ? null : request.param("unitdp").trim()) ? 4 : 2;
    }

    static String text(String name, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) return null;
        if (value.isContainer()) throw new XeroApiException(wrongType(name));
        return value.asString();
    }

    /** A number, or a string holding one (.NET reads both); null when absent. */
    static BigDecimal decimal(String name, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) return null;
        if (value.isNumber()) return value.decimalValue();
        if (value.isString()) {
            String text = value.asString().trim();
            if (text.isEmpty()) return null;
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw new XeroApiException(wrongType(name));
            }
        }
        throw new XeroApiException(wrongType(name));
    }

    static Boolean bool(String name, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) return null;
        if (value.isBoolean()) return value.booleanValue();
        if (value.isString() && Set.of("true", "false").contains(value.asString().trim().toLowerCase())) {
            return Boolean.valueOf(value.asString().trim());
        }
        throw new XeroApiException(wrongType(name));
    }

    /**
     * A calendar date: {@code 2019-03-11}, {@code 2019-03-11T00:00:00} (offset optional) or an MS JSON date. The
     * time of day is dropped; MS dates are read in UTC.
     */
    static LocalDate date(String name, JsonNode value) {
        String text = text(name, value);
        if (text == null || text.isBlank()) return null;
        String t = text.trim();
        try {
            if (t.startsWith("/Date(")) return LocalDate.ofInstant(XeroJson.parseMsDate(t), ZoneOffset.UTC);
            if (t.length() == 10) return LocalDate.parse(t);
            try {
                return OffsetDateTime.parse(t).toLocalDate();
            } catch (DateTimeParseException noOffset) {
                return LocalDateTime.parse(t).toLocalDate();
            }
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new XeroApiException(wrongType(name));
        }
    }

    /** A GUID element; malformed GUIDs answer 500 like Xero (see {@link ContactJson#guidOrNull}). */
    static String guid(String name, JsonNode value) {
        return ContactJson.guidOrNull(text(name, value));
    }

    /** Wording modelled on Xero's "JSON for post data was invalid" family (unverified). */
    static SandboxResponse wrongType(String element) {
        return XeroErrors.postDataInvalid("JSON for post data was invalid, the value of element '" + element
                + "' has the wrong type.");
    }
}
