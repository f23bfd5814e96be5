package io.cscartxero.product;

import io.cscartxero.xero.BookkeepingProperties;
import io.cscartxero.xero.model.Item;
import org.jsoup.Jsoup;

/**
 * CS-Cart product → Xero Item (untracked). Pure: the same product gives the same item, so its hash tells
 * whether anything changed. Name ≤ 50 characters, cut at a word; description = full description (else the
 * short one) as plain text, ≤ 4000; the base price with 4 decimals (sent with unitdp=4) on the revenue account of the
 * product (by product, main category or ancestor, storefront, else {@code xero.revenue-account-code}).
 */
final class ProductItemMapper {

    static final int MAX_NAME = 50;
    static final int MAX_DESCRIPTION = 4000;

    private ProductItemMapper() {
    }

    /** @param revenueAccount the sales account of the item: its product's ({@link ProductAccounts}) */
    static Item toItem(CsCartProduct p, String code, BookkeepingProperties bookkeeping, String revenueAccount) {
        String name = shorten(collapse(p.name()), MAX_NAME);
        if (name.isEmpty()) {
            name = shorten(code, MAX_NAME);
        }
        String description = plainText(p.fullDescription());
        if (description.isEmpty()) {
            description = plainText(p.shortDescription());
        }
        Item.SalesDetails sales = new Item.SalesDetails(p.price() == null ? null : p.price().setScale(4),
                revenueAccount, bookkeeping.hasItemTaxType() ? bookkeeping.itemTaxType() : null);
        return Item.request(null, code, name, shorten(description, MAX_DESCRIPTION), sales);
    }

    /** HTML → text with entities decoded and whitespace collapsed (jsoup: a real HTML parser, not a regex). */
    static String plainText(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        return collapse(Jsoup.parse(html).text());
    }

    /** Blanks and control characters collapse to single spaces. */
    static String collapse(String s) {
        return s == null ? "" : s.replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
    }

    /** At most {@code max} characters, cut at the last word boundary with an ellipsis when shortened. */
    static String shorten(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int cut = s.lastIndexOf(' ', max - 1);
        if (cut < max / 2) {
            cut = max - 1;
        }
        if (Character.isHighSurrogate(s.charAt(cut - 1))) {
            cut--;
        }
        return s.substring(0, cut).stripTrailing() + "…";
    }
}
