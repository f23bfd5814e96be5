package io.cscartxero.xero;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.cscartxero.xero.model.ElementResult;
import io.cscartxero.xero.model.Item;
import io.cscartxero.xero.model.XeroJson;

import org.springframework.http.HttpMethod;

/** Xero Items: batch create/update with per-element results, the unpaged list, delete. */
public class XeroItems {

    private final XeroHttp http;

    public XeroItems(XeroHttp http) {
        this.http = http;
    }

    /** PUT: create only; an existing Code comes back as "Price List Item with Code 'X' already exists". */
    public List<ElementResult<Item>> create(List<Item> items) {
        return write(HttpMethod.PUT, items);
    }

    /** POST: update the items named by ItemID. */
    public List<ElementResult<Item>> update(List<Item> items) {
        return write(HttpMethod.POST, items);
    }

    /** Items are not paged at Xero: one call returns all (modified since the given time, when not null). */
    public List<Item> all(Instant modifiedSince) {
        return parse(http.getModifiedSince("/Items?unitdp=4", modifiedSince)).items();
    }

    /** Items by Code, compared case-insensitively; codes without an item are absent. */
    public Map<String, Item> findByCodes(Collection<String> codes) {
        Map<String, Item> found = new HashMap<>();
        List<String> all = List.copyOf(codes);
        for (int i = 0; i < all.size(); i += XeroContacts.LOOKUP_BATCH) {
            String where = all.subList(i, Math.min(all.size(), i + XeroContacts.LOOKUP_BATCH)).stream()
                    .map(c -> "Code==\"" + c.replace("\"", "") + "\"").collect(Collectors.joining(" OR "));
            for (Item item : parse(http.get("/Items?unitdp=4&where=" + URLEncoder.encode(where, StandardCharsets.UTF_8).replace("+", "%20"))).items()) {
                found.put(item.code().toLowerCase(Locale.ROOT), item);
            }
        }
        return found;
    }

    /** DELETE /Items/{id}; true when deleted, false when Xero no longer had it (404 counts as already deleted). */
    public boolean delete(String itemId) {
        try {
            http.delete("/Items/" + URLEncoder.encode(itemId, StandardCharsets.UTF_8));
            return true;
        } catch (XeroApiException.NotFound alreadyGone) {
            return false;
        }
    }

    private List<ElementResult<Item>> write(HttpMethod method, List<Item> items) {
        if (items.isEmpty()) {
            return List.of();
        }
        String body = XeroJson.MAPPER.writeValueAsString(new Items(items));
        List<Item> answered = parse(http.write(method, "/Items?summarizeErrors=false&unitdp=4", body)).items();
        return BatchResults.pair(items, answered, Item::itemID, Item::statusAttributeString, Item::validationErrors, "items");
    }

    private static Items parse(XeroHttp.Response response) {
        try {
            Items parsed = XeroJson.MAPPER.readValue(response.body(), Items.class);
            return parsed.items() == null ? new Items(List.of()) : parsed;
        } catch (RuntimeException e) {
            throw new XeroApiException.BadRequest(response.status(), "unreadable Items response from Xero: " + e.getMessage());
        }
    }

    record Items(List<Item> items) {
    }
}
