package io.cscartxero.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /TrackingCategories} as the spec has it: {@code GET} (ACTIVE categories and options; with
 * {@code includeArchived=true} the archived ones too), {@code GET /{id}}, {@code PUT} (create),
 * {@code POST /{id}} (rename, archive or re-activate), {@code PUT /{id}/Options} (add options). Limits and refusals in
 * {@link TrackingStore}; a refused element answers 400 ValidationException with the element and its ValidationErrors,
 * as the other writes do. DELETE and option updates are not simulated (404).
 */
final class TrackingEndpoint {

    private final SandboxClock clock;

    TrackingEndpoint(SandboxClock clock) {
        this.clock = clock;
    }

    SandboxResponse handle(SandboxRequest request, String subPath, TrackingStore store) {
        try {
            String[] parts = subPath.isEmpty() ? new String[0] : subPath.substring(1).split("/");
            String method = request.method();
            if (parts.length == 0) {
                if (method.equals("GET")) return list(request, store);
                if (method.equals("PUT")) return create(request, store);
                return XeroErrors.notFound();
            }
            if (!ContactJson.looksLikeGuid(parts[0])) return XeroErrors.notFound();
            TrackingStore.Category category = store.byId(ContactJson.guidOrNull(parts[0]));
            if (category == null) return XeroErrors.notFound();
            if (parts.length == 1) {
                if (method.equals("GET")) return one(category);
                if (method.equals("POST")) return update(request, store, category);
                return XeroErrors.notFound();
            }
            if (parts.length == 2 && parts[1].toLowerCase(Locale.ROOT).equals("options") && method.equals("PUT")) {
                return addOptions(request, store, category);
            }
            return XeroErrors.notFound();
        } catch (XeroApiException e) {
            return e.response();
        }
    }

    private SandboxResponse list(SandboxRequest request, TrackingStore store) {
        boolean archived = "true".equalsIgnoreCase(request.param("includeArchived"));
        ObjectNode envelope = XeroJson.envelope(clock.instant());
        ArrayNode array = envelope.putArray("TrackingCategories");
        for (TrackingStore.Category c : store.all()) {
            if ("ACTIVE".equals(c.status) || (archived && "ARCHIVED".equals(c.status))) {
                array.add(TrackingStore.render(c, archived));
            }
        }
        return SandboxResponse.json(200, envelope);
    }

    private SandboxResponse one(TrackingStore.Category c) {
        ObjectNode envelope = XeroJson.envelope(clock.instant());
        envelope.putArray("TrackingCategories").add(TrackingStore.render(c, true));
        return SandboxResponse.json(200, envelope);
    }

    private SandboxResponse create(SandboxRequest request, TrackingStore store) {
        List<ObjectNode> elements = XeroInput.elements(request, "TrackingCategories", "TrackingCategory");
        List<ObjectNode> failed = new ArrayList<>();
        List<TrackingStore.Category> created = new ArrayList<>();
        for (ObjectNode element : elements) {
            List<String> errors = store.create(XeroInput.text("Name", element.get("Name")), created);
            if (!errors.isEmpty()) failed.add(refused(element, errors));
        }
        if (!failed.isEmpty()) return XeroErrors.validation(failed);
        ObjectNode envelope = XeroJson.envelope(clock.instant());
        ArrayNode array = envelope.putArray("TrackingCategories");
        created.forEach(c -> array.add(TrackingStore.render(c, false)));
        return SandboxResponse.json(200, envelope);
    }

    private SandboxResponse update(SandboxRequest request, TrackingStore store, TrackingStore.Category c) {
        List<ObjectNode> elements = XeroInput.elements(request, "TrackingCategories", "TrackingCategory");
        ObjectNode element = elements.get(0);
        List<String> errors = store.update(c, XeroInput.text("Name", element.get("Name")),
                XeroInput.text("Status", element.get("Status")));
        if (!errors.isEmpty()) return XeroErrors.validation(List.of(refused(element, errors)));
        return one(c);
    }

    private SandboxResponse addOptions(SandboxRequest request, TrackingStore store, TrackingStore.Category c) {
        List<ObjectNode> elements = XeroInput.elements(request, "Options", "TrackingOption");
        List<ObjectNode> failed = new ArrayList<>();
        List<TrackingStore.Option> created = new ArrayList<>();
        for (ObjectNode element : elements) {
            List<String> errors = store.addOption(c, XeroInput.text("Name", element.get("Name")), created);
            if (!errors.isEmpty()) failed.add(refused(element, errors));
        }
        if (!failed.isEmpty()) return XeroErrors.validation(failed);
        ObjectNode envelope = XeroJson.envelope(clock.instant());
        ArrayNode array = envelope.putArray("Options");
        created.forEach(o -> array.add(TrackingStore.render(o)));
        return SandboxResponse.json(200, envelope);
    }

    private static ObjectNode refused(ObjectNode element, List<String> errors) {
        ObjectNode echo = element.deepCopy();
        echo.set("ValidationErrors", ItemJson.validationErrors(errors));
        return echo;
    }
}
