package io.cscartxero.xero;

import java.util.List;

import io.cscartxero.xero.model.TrackingCategory;
import io.cscartxero.xero.model.TrackingOption;
import io.cscartxero.xero.model.XeroJson;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * Xero tracking categories: the list with their options ({@code GET /TrackingCategories?includeArchived=true}, one
 * call), {@code PUT /TrackingCategories} for a new category and {@code PUT /TrackingCategories/{id}/Options} for a new
 * option (one per call: the spec's request body is one TrackingCategory / one TrackingOption). A refusal (a third
 * active category, a duplicate name, too many options) is a {@link XeroApiException.Validation} with Xero's message.
 */
@Component
public class XeroTrackingCategories {

    private final XeroHttp http;

    public XeroTrackingCategories(XeroHttp http) {
        this.http = http;
    }

    /** Every category, archived ones and archived options included (a name Xero would call a duplicate). */
    public List<TrackingCategory> all() {
        return parse(http.get("/TrackingCategories?includeArchived=true")).trackingCategories();
    }

    public TrackingCategory createCategory(String name) {
        String body = XeroJson.MAPPER.writeValueAsString(TrackingCategory.named(name));
        List<TrackingCategory> created = parse(http.write(HttpMethod.PUT, "/TrackingCategories", body)).trackingCategories();
        if (created.isEmpty() || created.get(0).trackingCategoryID() == null) {
            throw new XeroApiException.BadRequest(200, "Xero answered PUT /TrackingCategories without the new category's id");
        }
        return created.get(0);
    }

    public TrackingOption createOption(String categoryId, String name) {
        String body = XeroJson.MAPPER.writeValueAsString(TrackingOption.named(name));
        XeroHttp.Response response = http.write(HttpMethod.PUT, "/TrackingCategories/" + categoryId + "/Options", body);
        List<TrackingOption> created;
        try {
            Options parsed = XeroJson.MAPPER.readValue(response.body(), Options.class);
            created = parsed.options() == null ? List.of() : parsed.options();
        } catch (RuntimeException e) {
            throw new XeroApiException.BadRequest(response.status(), "unreadable tracking options response from Xero: " + e.getMessage());
        }
        if (created.isEmpty() || created.get(0).trackingOptionID() == null) {
            throw new XeroApiException.BadRequest(200, "Xero answered PUT /TrackingCategories/{id}/Options without the new option's id");
        }
        return created.get(created.size() - 1);
    }

    private static Categories parse(XeroHttp.Response response) {
        try {
            Categories parsed = XeroJson.MAPPER.readValue(response.body(), Categories.class);
            return parsed.trackingCategories() == null ? new Categories(List.of()) : parsed;
        } catch (RuntimeException e) {
            throw new XeroApiException.BadRequest(response.status(), "unreadable /TrackingCategories response from Xero: " + e.getMessage());
        }
    }

    record Categories(List<TrackingCategory> trackingCategories) {
    }

    record Options(List<TrackingOption> options) {
    }
}
