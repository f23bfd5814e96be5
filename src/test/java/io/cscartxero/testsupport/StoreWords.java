package io.cscartxero.testsupport;

import java.util.List;

/** Word lists and address data for {@link StoreGenerator} (all invented; places and state codes are real). */
final class StoreWords {

    private StoreWords() {
    }

    static final List<String> FIRST_NAMES = List.of("James", "Mary", "John", "Patricia", "Robert", "Jennifer",
            "Michael", "Linda", "William", "Elizabeth", "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica",
            "Thomas", "Sarah", "Charles", "Karen", "Emma", "Olivia", "Noah", "Liam", "Sophie", "Lucas", "Mia",
            "Oliver", "Chloe", "Jack", "Ava", "Harry", "Isla", "Leo", "Grace", "Ethan", "Ruby", "Max", "Ella", "Henry",
            "Hannah", "Daniel", "Lily", "Samuel", "Amelia", "Benjamin", "Charlotte", "Alexander", "Zoe", "Matthew");

    static final List<String> LAST_NAMES = List.of("Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia",
            "Miller", "Davis", "Wilson", "Taylor", "Anderson", "Thomas", "Moore", "Martin", "Jackson", "White",
            "Harris", "Clark", "Lewis", "Walker", "Young", "King", "Wright", "Scott", "Green", "Baker", "Adams",
            "Nelson", "Hill", "Campbell", "Mitchell", "Roberts", "Carter", "Phillips", "Evans", "Turner", "Parker",
            "Collins", "Edwards", "Stewart", "Morris", "Murphy", "Cook", "Rogers", "Morgan", "Cooper", "O'Connor",
            "D'Angelo", "Van der Berg", "McDonald");

    /** {firstname, lastname} with Latin letters outside ASCII (2-byte UTF-8, some 3-byte like Œ). */
    static final List<String[]> ACCENTED = List.of(
            new String[] {"José", "Müller"}, new String[] {"Zoë", "Ångström"}, new String[] {"François", "Lefèvre"},
            new String[] {"Søren", "Kierkegård"}, new String[] {"Łukasz", "Wójcik"}, new String[] {"Begoña", "Ibáñez"},
            new String[] {"Renée", "Côté"}, new String[] {"Jürgen", "Groß"}, new String[] {"Anaïs", "Dupré"},
            new String[] {"Siobhán", "Ó Briain"}, new String[] {"Antonín", "Dvořák"}, new String[] {"Þór", "Guðmundsson"},
            new String[] {"Chloë", "Brontë"}, new String[] {"İlkay", "Gündoğan"}, new String[] {"Œdipe", "Cœur"});

    /** {firstname, lastname}: CJK (3-byte), Hangul, Cyrillic, Greek, Arabic and Hebrew (right-to-left). */
    static final List<String[]> NON_LATIN = List.of(
            new String[] {"太郎", "山田"}, new String[] {"花子", "佐藤"}, new String[] {"小龙", "李"},
            new String[] {"芳", "王"}, new String[] {"민준", "김"}, new String[] {"一郎", "鈴木"},
            new String[] {"Иван", "Петров"}, new String[] {"Ελένη", "Παπαδοπούλου"}, new String[] {"محمد", "علي"},
            new String[] {"דוד", "כהן"});

    static final List<String> COMPANIES = List.of("Acme Corporation", "Globex Corporation", "Initech",
            "Umbrella Pty Ltd", "Stark Industries", "Wayne Enterprises", "Soylent GmbH", "Tyrell SARL",
            "Cyberdyne Systems KK", "Hooli Ltd", "Vandelay Industries", "Dunder Mifflin Paper Co.", "Bluth & Sons",
            "Müller & Söhne GmbH", "Société des Fromages Réunis", "株式会社山田商事", "O'Brien & Partners",
            "Smith, Jones & Co.", "Ben's \"Best\" Bakery", "Kiwi Kraft Ltd", "Maple Leaf Supplies Inc.",
            "Northwind Traders", "Contoso Pty Ltd", "Fabrikam GmbH", "Tailspin Toys");

    /** Companies with 3-byte symbols (fine in utf8mb3). */
    static final List<String> SYMBOL_COMPANIES = List.of("Acme ★ Widgets™", "Café № 5", "€uro Trading ✓",
            "Smith & Co ® — Est. 1901", "Arrow → Logistics", "Music ♫ Store", "½ Price Books", "Sun ☀ Solar");

    /** Source strings with emoji (4-byte UTF-8); stored as CS-Cart stores them (see StoreGenerator#asStoredByCsCart). */
    static final List<String> EMOJI_COMPANIES = List.of("Pizza 🍕 Palace", "Rocket 🚀 Labs", "Happy 😀 Toys",
            "Green 🌱 Garden", "Coffee ☕🍩 Corner");
    static final List<String[]> EMOJI_NAMES = List.of(new String[] {"Anna 🌸", "Lee"},
            new String[] {"Mike", "Brown 😎"}, new String[] {"🎉 Party", "Planner"});

    static final List<String> SINGLE_NAMES = List.of("Cher", "Madonna", "Prince", "Bono", "Sting", "Pelé");

    static final List<String> PROFILE_NAMES = List.of("Office", "Holiday home", "Parents", "Work", "Warehouse");

    static final List<String> EMAIL_DOMAINS = List.of("example.com", "example.org", "example.net",
            "mail.example.com", "example.co.uk", "example.de", "example.fr", "example.com.au", "example.jp",
            "example.co.nz");

    /** Syntactically broken addresses; {n} is replaced by a number to keep them distinct. */
    static final List<String> INVALID_EMAILS = List.of("foo{n}@", "no-at-sign{n}.example.com", "a{n}@b",
            "trailing{n}@example.com  ", "  leading{n}@example.com", "user{n}@müller.de", "two{n}@@example.com",
            "spaces in{n}@example.com", "missing{n}@tld.", "@example{n}.com", "user{n}@.example.com",
            "double..dot{n}@example.com", "");

    /** A city with its real CS-Cart state code ('' / free text where CS-Cart has no states) and postcode. */
    record City(String country, String city, String state, String zipcode, String phonePrefix, List<String> streets) {
    }

    private static final List<String> US_STREETS = List.of("{n} Main Street", "{n} Oak Avenue", "{n} Maple Drive",
            "{n} Broadway", "{n} Elm Street");
    private static final List<String> GB_STREETS = List.of("{n} High Street", "{n} Station Road", "{n} Church Lane",
            "Flat {n}, Victoria House");
    private static final List<String> DE_STREETS = List.of("Hauptstraße {n}", "Bahnhofstraße {n}", "Gartenweg {n}",
            "Schloßallee {n}");
    private static final List<String> FR_STREETS = List.of("{n} rue de Rivoli", "{n} avenue des Champs-Élysées",
            "{n} boulevard Saint-Germain", "{n} place de la République");
    private static final List<String> AU_STREETS = List.of("{n} George Street", "{n} Collins Street",
            "Unit {n}/12 Queen Street", "{n} King William Road");
    private static final List<String> JP_STREETS = List.of("千代田区千代田1-{n}", "{n}-1 Shibuya", "中央区銀座{n}-2");
    private static final List<String> NZ_STREETS = List.of("{n} Queen Street", "{n} Lambton Quay",
            "{n} Cuba Street");

    static final List<City> CITIES = List.of(
            new City("US", "New York", "NY", "10001", "+1 212-555-", US_STREETS),
            new City("US", "Los Angeles", "CA", "90012", "+1 213-555-", US_STREETS),
            new City("US", "San Francisco", "CA", "94103", "+1 415-555-", US_STREETS),
            new City("US", "Austin", "TX", "78701", "+1 512-555-", US_STREETS),
            new City("US", "Boston", "MA", "02134", "+1 617-555-", US_STREETS),
            new City("US", "Seattle", "WA", "98101", "+1 206-555-", US_STREETS),
            new City("US", "Chicago", "IL", "60601", "+1 312-555-", US_STREETS),
            new City("US", "Miami", "FL", "33101", "+1 305-555-", US_STREETS),
            new City("CA", "Toronto", "ON", "M5V 2T6", "+1 416-555-", US_STREETS),
            new City("CA", "Vancouver", "BC", "V6B 1A1", "+1 604-555-", US_STREETS),
            new City("CA", "Montréal", "QC", "H2X 1Y4", "+1 514-555-", US_STREETS),
            new City("GB", "London", "LDN", "SW1A 1AA", "+44 20 7946 ", GB_STREETS),
            new City("GB", "Edinburgh", "EDIN", "EH1 1YZ", "+44 131 496 ", GB_STREETS),
            new City("GB", "Cardiff", "CDF", "CF10 1EP", "+44 29 2018 ", GB_STREETS),
            new City("DE", "Berlin", "BER", "10115", "+49 30 9018 ", DE_STREETS),
            new City("DE", "München", "BAY", "80331", "+49 89 2333 ", DE_STREETS),
            new City("DE", "Köln", "NRW", "50667", "+49 221 4710 ", DE_STREETS),
            new City("FR", "Paris", "75", "75001", "+33 1 42 76 ", FR_STREETS),
            new City("FR", "Lyon", "69", "69001", "+33 4 72 10 ", FR_STREETS),
            new City("FR", "Marseille", "13", "13001", "+33 4 91 55 ", FR_STREETS),
            new City("AU", "Sydney", "NSW", "2000", "+61 2 9876 ", AU_STREETS),
            new City("AU", "Melbourne", "VIC", "3000", "+61 3 9123 ", AU_STREETS),
            new City("AU", "Perth", "WA", "6000", "+61 8 9321 ", AU_STREETS),
            new City("JP", "Tokyo", "", "100-0001", "+81 3-1234-", JP_STREETS),
            new City("JP", "大阪市", "Osaka", "530-0001", "+81 6-6345-", JP_STREETS),
            new City("NZ", "Auckland", "", "1010", "+64 9 123 ", NZ_STREETS),
            new City("NZ", "Christchurch", "Canterbury", "8011", "+64 3 379 ", NZ_STREETS));

    static final List<String> ADDRESS_2 = List.of("Apt 4B", "Suite 200", "Floor 3", "c/o Reception", "Unit 7");

    /** A long, realistic text to cut long fields from (with a multi-byte character every few words). */
    static final String LONG_TEXT = "Hubert Blaine Wolfeschlegelsteinhausenbergerdorff Senior of the Ångström "
            + "Institute for Über-Long Names and Addresses, Building Número Cinco, Second Floor, Left Wing, "
            + "Room Two Hundred and Twenty-Two, Care of the Chief Executive Officer and Chairman of the Board ";
}
