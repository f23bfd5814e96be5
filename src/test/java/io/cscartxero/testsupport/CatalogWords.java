package io.cscartxero.testsupport;

import java.math.BigDecimal;
import java.util.List;

/** Word lists and reference values for {@link StoreGenerator}'s products and orders (all invented). */
final class CatalogWords {

    private CatalogWords() {
    }

    static final List<String> BRANDS = List.of("Acme", "Northwind", "Contoso", "Fabrikam", "Globex", "Initech",
            "Tailspin", "Wingtip", "Litware", "Proseware", "Adventure Works", "Blue Yonder", "Coho", "Lucerne",
            "Woodgrove");

    /** {en, fr}. */
    static final List<String[]> ADJECTIVES = List.of(new String[] {"Ergonomic", "Ergonomique"},
            new String[] {"Wireless", "Sans fil"}, new String[] {"Organic", "Bio"},
            new String[] {"Stainless Steel", "En acier inoxydable"}, new String[] {"Vintage", "Vintage"},
            new String[] {"Compact", "Compact"}, new String[] {"Deluxe", "De luxe"},
            new String[] {"Portable", "Portable"}, new String[] {"Waterproof", "Étanche"},
            new String[] {"Handmade", "Fait main"}, new String[] {"Premium", "Premium"},
            new String[] {"Classic", "Classique"}, new String[] {"Lightweight", "Léger"},
            new String[] {"Smart", "Connecté"});

    /** {en, fr, category id}. */
    static final List<String[]> NOUNS = List.of(new String[] {"Office Chair", "Chaise de bureau", "3"},
            new String[] {"Headphones", "Casque audio", "2"}, new String[] {"Coffee Beans 1 kg", "Café en grains 1 kg", "5"},
            new String[] {"Water Bottle", "Gourde", "3"}, new String[] {"Backpack", "Sac à dos", "4"},
            new String[] {"Desk Lamp", "Lampe de bureau", "3"}, new String[] {"T-Shirt", "T-shirt", "4"},
            new String[] {"Sneakers", "Baskets", "4"}, new String[] {"Tea Set", "Service à thé", "3"},
            new String[] {"Notebook", "Carnet", "6"}, new String[] {"Kitchen Knife", "Couteau de cuisine", "3"},
            new String[] {"Yoga Mat", "Tapis de yoga", "4"}, new String[] {"Bluetooth Speaker", "Enceinte Bluetooth", "2"},
            new String[] {"Wall Clock", "Horloge murale", "3"}, new String[] {"Cutting Board", "Planche à découper", "3"},
            new String[] {"Sunglasses", "Lunettes de soleil", "4"}, new String[] {"Olive Oil 500 ml", "Huile d'olive 500 ml", "5"},
            new String[] {"Scented Candle", "Bougie parfumée", "3"}, new String[] {"USB-C Charger", "Chargeur USB-C", "2"},
            new String[] {"Cookbook", "Livre de cuisine", "6"}, new String[] {"Vinyl Record", "Disque vinyle", "6"},
            new String[] {"Rain Jacket", "Veste de pluie", "4"}, new String[] {"Dark Chocolate 70%", "Chocolat noir 70 %", "5"});

    static final List<String> MODELS = List.of("X200", "Pro", "Mk II", "2024 Edition", "Mini", "Max", "S", "Plus",
            "Series 3", "Lite", "", "", "");

    /** Names with accented Latin letters: {en, fr}. */
    static final List<String[]> ACCENTED = List.of(new String[] {"Crème Brûlée Torch", "Chalumeau à crème brûlée"},
            new String[] {"Café au Lait Bowl", "Bol à café au lait"}, new String[] {"Smørrebrød Board", "Planche à smørrebrød"},
            new String[] {"Jalapeño Hot Sauce", "Sauce piquante jalapeño"}, new String[] {"Müsli Crunchy Mix 750 g", "Müesli croquant 750 g"},
            new String[] {"Piñata Party Set", "Kit de fête piñata"}, new String[] {"Façade Wall Art", "Décoration murale façade"},
            new String[] {"Göteborg Wool Scarf", "Écharpe en laine Göteborg"}, new String[] {"Łódź Linen Tablecloth", "Nappe en lin Łódź"});

    /** CJK, Hangul, Cyrillic and Greek names (3-byte / 2-byte UTF-8): {en, fr}. */
    static final List<String[]> NON_LATIN = List.of(new String[] {"抹茶 Matcha Green Tea 100 g", "Thé vert matcha 抹茶 100 g"},
            new String[] {"日本製 包丁 Santoku Knife", "Couteau santoku 包丁"}, new String[] {"한국 김 Seaweed Snack", "Snack d'algues 김"},
            new String[] {"龍井茶 Longjing Tea", "Thé Longjing 龍井茶"}, new String[] {"Иван-чай Fireweed Tea", "Tisane Иван-чай"},
            new String[] {"Ελληνικό Μέλι Thyme Honey", "Miel de thym Ελληνικό Μέλι"}, new String[] {"手ぬぐい Tenugui Towel", "Serviette tenugui 手ぬぐい"});

    /** Quotes, ampersands and 3-byte symbols: {en, fr}. */
    static final List<String[]> SYMBOLS = List.of(new String[] {"12\" Vinyl Single", "Single vinyle 12\""},
            new String[] {"Children's \"Magic\" Paint Set", "Kit de peinture « Magique » pour enfants"},
            new String[] {"Salt & Pepper Mill", "Moulin sel & poivre"}, new String[] {"Rock 'n' Roll T-Shirt", "T-shirt Rock 'n' Roll"},
            new String[] {"★ Star Projector ★", "Projecteur d'étoiles ★"}, new String[] {"Café № 5 Blend", "Mélange Café № 5"},
            new String[] {"Thermometer ±0.1 °C", "Thermomètre ±0,1 °C"}, new String[] {"SmartWatch™ Series 3", "Montre SmartWatch™ Série 3"},
            new String[] {"€5 Gift Voucher", "Bon cadeau 5 €"}, new String[] {"Tools <Pro> Kit & Case", "Kit d'outils <Pro> & mallette"});

    /** Source names with emoji (stored with "????" per emoji, as CS-Cart does). */
    static final List<String> EMOJI = List.of("Pizza 🍕 Cutter", "Rocket 🚀 Night Light", "Party 🎉 Balloons x20",
            "Plant 🌱 Pot Set");

    static final String LONG_NAME_TAIL = " with Extra-Long Marketplace Title for Comparison Shopping Engines, Free "
            + "Returns, Two-Year Warranty and Gift Wrapping Available on Request, Limited Stock";

    /** Variation group axes: {attribute, code suffix, en value, fr value}. */
    static final List<String[]> VARIATIONS = List.of(new String[] {"Color", "BLK", "Black", "Noir"},
            new String[] {"Color", "WHT", "White", "Blanc"}, new String[] {"Color", "RED", "Red", "Rouge"},
            new String[] {"Size", "S", "Small", "Petit"}, new String[] {"Size", "M", "Medium", "Moyen"},
            new String[] {"Size", "L", "Large", "Grand"}, new String[] {"Size", "XL", "Extra Large", "Très grand"});

    static final List<String> HTML_PARAGRAPHS = List.of(
            "<p>The <strong>{name}</strong> by {brand} is built to last &mdash; tested for 10&nbsp;000 cycles.</p>",
            "<ul><li>Material: recycled aluminium &amp; beech wood</li><li>Dimensions: 30&nbsp;&times;&nbsp;20&nbsp;cm</li>"
                    + "<li>Weight: 1.2&nbsp;kg</li></ul>",
            "<p>Caf&eacute;-quality results at home. <em>Dishwasher safe</em>; do not use in the microwave.<br/>"
                    + "Care: wipe with a damp cloth.</p>",
            "<h3>What&#039;s in the box</h3><ol><li>{name}</li><li>Quick start guide (EN/FR/DE)</li></ol>",
            "<p>Price &lt; quality? Not here: see our <a href=\"https://fixture.example.com/warranty\" target=\"_blank\">"
                    + "warranty terms</a>.</p>",
            "<table class=\"specs\"><tr><th>Power</th><td>5&nbsp;W</td></tr><tr><th>Battery</th><td>2&nbsp;000&nbsp;mAh"
                    + "</td></tr></table>",
            "<p>Fabriqué en France. Qualité supérieure — garantie « satisfait ou remboursé ».</p>",
            "<p>日本製の高品質な商品です。Made in Japan with care.</p>",
            "<div><span style=\"color:#c00\">NEW!</span> Limited edition &quot;{brand}&quot; design&trade;.</div>");

    static final List<String> SHORT_DESCRIPTIONS = List.of("<p>Our best seller.</p>", "<p>Limited edition.</p>",
            "<p>Free shipping on orders over $50.</p>", "<p>Nouveau !</p>");

    // ------------------------------------------------------------------------------------------------ options

    /** Product options: {option_id, option name, option_type, inventory}, variants: {variant_id, name, modifier}. */
    record Option(int optionId, String name, String type, String inventory, List<Variant> variants) {
    }

    record Variant(int variantId, String name, BigDecimal modifier) {
    }

    static final List<Option> OPTIONS = List.of(
            new Option(2, "Size", "S", "Y", List.of(new Variant(5, "Small", BigDecimal.ZERO),
                    new Variant(6, "Medium", BigDecimal.ZERO), new Variant(7, "Large", new BigDecimal("2.000")),
                    new Variant(8, "XXL", new BigDecimal("4.500")))),
            new Option(9, "Color", "S", "N", List.of(new Variant(17, "Black", BigDecimal.ZERO),
                    new Variant(18, "Crème", BigDecimal.ZERO), new Variant(19, "Bleu marine", new BigDecimal("1.250")))),
            new Option(13, "Gift wrapping", "C", "N", List.of(new Variant(47, "No", BigDecimal.ZERO),
                    new Variant(48, "Yes", new BigDecimal("3.950")))),
            new Option(14, "Memory capacity", "S", "N", List.of(new Variant(44, "16GB", BigDecimal.ZERO),
                    new Variant(45, "32GB", new BigDecimal("50.000")), new Variant(46, "64GB", new BigDecimal("100.000")))),
            new Option(21, "Engraving / Gravure", "S", "N", List.of(new Variant(60, "None", BigDecimal.ZERO),
                    new Variant(61, "Initials «ABC»", new BigDecimal("7.500")))));

    // ------------------------------------------------------------------------------------------------ taxes

    /**
     * A tax of the fixture seed ({@code cscart/seed.sql}): id, names per language, rate, included in prices.
     */
    record TaxDef(int taxId, String en, String fr, BigDecimal rate, boolean included, String regnumber) {
        String description(String langCode) {
            return "fr".equals(langCode) ? fr : en;
        }
    }

    static final TaxDef VAT = new TaxDef(6, "VAT", "TVA", new BigDecimal("10.000"), true, "GB123456789");
    static final TaxDef GST = new TaxDef(7, "GST", "TPS", new BigDecimal("15.000"), true, "NZ 123-456-789");
    static final TaxDef SALES = new TaxDef(8, "Sales tax", "Taxe de vente", new BigDecimal("8.250"), false, "");
    static final TaxDef CITY = new TaxDef(9, "City tax", "Taxe municipale", new BigDecimal("1.500"), false, "");
    static final List<TaxDef> TAXES = List.of(VAT, GST, SALES, CITY);

    // ------------------------------------------------------------------------------------------------ shipping

    /** A shipping method: {@code shipping_id}, name, delivery time, rate. */
    record Shipping(int shippingId, String name, String deliveryTime, BigDecimal rate) {
    }

    static final List<Shipping> SHIPPINGS = List.of(
            new Shipping(1, "Custom shipping method", "3-5 days", new BigDecimal("28.00")),
            new Shipping(3, "FedEx Ground", "1-5 business days", new BigDecimal("9.95")),
            new Shipping(4, "UPS 2nd Day Air", "2 days", new BigDecimal("24.50")),
            new Shipping(5, "Royal Mail 1st Class", "1-2 days", new BigDecimal("4.15")),
            new Shipping(6, "Colissimo Expert", "48h", new BigDecimal("12.90")),
            new Shipping(7, "DHL Express Worldwide", "1-3 days", new BigDecimal("49.99")),
            new Shipping(8, "Courier — same day", "Today", new BigDecimal("15.00")),
            new Shipping(9, "Abholung im Geschäft (Click & Collect)", "", new BigDecimal("0.00")));

    static final Shipping FREE_SHIPPING = new Shipping(2, "Free shipping", "5-7 days", new BigDecimal("0.00"));

    // ------------------------------------------------------------------------------------------------ orders

    /** {@code payment_id}s of the fixture store (seed: 1 card, 2 phone, 3 PayPal, 4 bank transfer, 6 C.O.D). */
    static final List<Integer> PAYMENT_IDS = List.of(1, 2, 2, 2, 3, 3, 4, 6);

    static final List<String> COUPONS = List.of("summer10", "welcome5", "blackfriday", "vip-2025", "fête15",
            "freeship");

    static final List<String> CUSTOMER_NOTES = List.of("Please leave the parcel at the back door.",
            "Gift — please don't include the invoice.\nThank you!", "Livraison après 18h SVP, merci !",
            "配達は午前中にお願いします。", "Call me before delivery: +1 212-555-0147\r\nRing twice.",
            "Need it by Friday \"at the latest\" <urgent> & fragile.");

    static final List<String> DELETED_NAMES = List.of("Discontinued Espresso Machine", "Old Model Tablet 8\"",
            "Sommerkleid Blümchen (ausverkauft)", "限定版 Limited Mug", "Retired Gift Box");
}
