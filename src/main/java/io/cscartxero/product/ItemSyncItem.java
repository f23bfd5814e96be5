package io.cscartxero.product;

import io.cscartxero.xero.model.Item;

/** A product ready to send: the item (with ItemID when already linked) and the hash of the payload as mapped. */
record ItemSyncItem(long productId, Item item, String payloadHash) {

    String cscartId() {
        return Long.toString(productId);
    }

    ItemSyncItem withItem(Item newItem) {
        return new ItemSyncItem(productId, newItem, payloadHash);
    }

    String summary() {
        return "Code=" + item.code() + ", Name=" + item.name() + ", UnitPrice="
                + (item.salesDetails() == null ? null : item.salesDetails().unitPrice());
    }
}
