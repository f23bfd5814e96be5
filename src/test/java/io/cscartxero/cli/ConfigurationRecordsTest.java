package io.cscartxero.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cscartxero.cscart.CsCartProperties;
import io.cscartxero.sync.SyncProperties;
import io.cscartxero.tax.TaxTypeRules;
import io.cscartxero.xero.BookkeepingProperties;
import io.cscartxero.xero.XeroProperties;
import io.cscartxero.xero.auth.ConnectProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

/**
 * The three configuration records ({@code xero}, {@code cscart}, {@code sync}) bound from a property map as the
 * application binds them (Spring's {@link Binder}, Boot's conversions, bean validation): their defaults, the one line
 * each bad value gives at start-up ({@link ConfigurationErrors}), and that every key of README's configuration table
 * binds to something (and every key of the records is in that table).
 */
class ConfigurationRecordsTest {

    private static final LocalValidatorFactoryBean VALIDATOR = new LocalValidatorFactoryBean();

    static {
        VALIDATOR.afterPropertiesSet();
    }

    @AfterAll
    static void close() {
        VALIDATOR.close();
    }

    /** Binds {@code type} under {@code prefix}; {@code bound} collects the names that were bound (may be null). */
    private static <T> T bind(Class<T> type, String prefix, Map<String, String> properties, Set<ConfigurationPropertyName> bound) {
        Binder binder = new Binder(List.of(new MapConfigurationPropertySource(properties)), null,
                ApplicationConversionService.getSharedInstance());
        var recording = new AbstractBindHandler() {
            @Override
            public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context, Object result) {
                if (bound != null && context.getConfigurationProperty() != null) {
                    bound.add(context.getConfigurationProperty().getName());
                }
                return result;
            }
        };
        return binder.bindOrCreate(prefix, Bindable.of(type), new ValidationBindHandler(recording, VALIDATOR));
    }

    private static <T> T bind(Class<T> type, String prefix, Map<String, String> properties) {
        return bind(type, prefix, properties, null);
    }

    private static XeroProperties xero(Map<String, String> properties) {
        return bind(XeroProperties.class, "xero", properties);
    }

    /** The line an operator reads for this setting: "Configuration error: " + this. */
    private static String error(String key, String value) {
        Map<String, String> properties = Map.of(key, value);
        Class<?> type = switch (key.substring(0, key.indexOf('.'))) {
            case "xero" -> XeroProperties.class;
            case "cscart" -> CsCartProperties.class;
            default -> SyncProperties.class;
        };
        Throwable failure = catchThrowable(() -> bind(type, key.substring(0, key.indexOf('.')), properties));
        assertThat(failure).as(key + "=" + value).isNotNull();
        return ConfigurationErrors.describe(failure, List.of());
    }

    @Test
    void xeroDefaults() {
        XeroProperties xero = xero(Map.of());
        assertThat(xero.apiUrl()).isEqualTo("https://api.xero.com/api.xro/2.0");
        assertThat(xero.identityUrl()).isEqualTo("https://identity.xero.com");
        assertThat(xero.tokenUrl()).isEqualTo("https://identity.xero.com/connect/token");
        assertThat(xero.grant()).isEqualTo(XeroProperties.GRANT_CLIENT_CREDENTIALS);
        assertThat(xero.clientId()).isNull();
        assertThat(xero.clientSecret()).isNull();
        assertThat(xero.tenantId()).isNull();
        assertThat(xero.tenantKey()).isEqualTo("custom-connection");
        assertThat(xero.refreshToken()).isNull();
        assertThat(xero.tokenEncryptionKey()).isNull();
        assertThat(xero.maxInFlight()).isEqualTo(5);
        assertThat(xero.callsPerWindow()).isEqualTo(60);
        assertThat(xero.window()).isEqualTo(Duration.ofSeconds(60));
        assertThat(xero.maxAttempts()).isEqualTo(6);
        assertThat(xero.initialBackoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(xero.maxBackoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(xero.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(xero.readTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(xero.taxRates().createMissing()).isFalse();
        assertThat(xero.connect()).isEqualTo(new ConnectProperties("http://localhost:8765/callback",
                "offline_access accounting.contacts accounting.settings accounting.transactions", null, Duration.ofMinutes(5)));
        assertThat(xero.bookkeeping()).isEqualTo(new BookkeepingProperties("200", null, "210", "260", "215", "260", "860",
                Map.of(), "NONE", "CS-", "{orderId}", 14, "AUTHORISED"));
        assertThat(xero.bookkeeping().hasItemTaxType()).isFalse();
        assertThat(xero.toString()).contains("clientSecret=***");
    }

    @Test
    void cscartDefaults() {
        CsCartProperties cscart = bind(CsCartProperties.class, "cscart", Map.of());
        assertThat(cscart.tablePrefix()).isEqualTo("cscart_");
        assertThat(cscart.table("orders")).isEqualTo("cscart_orders");
        assertThat(cscart.language()).isNull();
        assertThat(cscart.timezone()).isNull();
        assertThat(cscart.datasource()).isEqualTo(new CsCartProperties.Datasource(null, null, null));
        assertThat(cscart.imports()).isEqualTo(new CsCartProperties.Import(null, 1, "D", false));
        // built in code: the same import defaults
        assertThat(new CsCartProperties("cscart_", null, null).imports()).isEqualTo(cscart.imports());
    }

    @Test
    void syncDefaults() {
        SyncProperties sync = bind(SyncProperties.class, "sync", Map.of());
        assertThat(sync).isEqualTo(new SyncProperties(50, 100_000, List.of("P", "C"), List.of(), Duration.ofSeconds(60), null));
    }

    @Test
    void valuesBindAsOperatorsWriteThem() {
        SyncProperties sync = bind(SyncProperties.class, "sync", Map.of("sync.order-statuses", "P, C O", "sync.void-on-status", "I,D",
                "sync.lock-stale-after", "2s", "sync.chunk-size", "10", "sync.skip-limit", "0"));
        assertThat(sync).isEqualTo(new SyncProperties(10, 0, List.of("P", "C", "O"), List.of("I", "D"), Duration.ofSeconds(2), null));
        assertThat(bind(SyncProperties.class, "sync", Map.of("sync.void-on-status", "")).voidOnStatus()).isEmpty();

        CsCartProperties cscart = bind(CsCartProperties.class, "cscart", Map.of("cscart.import.category-id", "2",
                "cscart.import.company-id", "0", "cscart.import.product-status", "A", "cscart.import.update-prices", "true",
                "cscart.language", " ", "cscart.timezone", "Europe/Berlin"));
        assertThat(cscart.imports()).isEqualTo(new CsCartProperties.Import(2L, 0, "A", true));
        assertThat(cscart.language()).isNull();
        assertThat(cscart.timezone()).isEqualTo("Europe/Berlin");
        assertThat(bind(CsCartProperties.class, "cscart", Map.of("cscart.import.category-id", "")).imports().categoryId()).isNull();

        XeroProperties xero = xero(Map.of("xero.tax-rates.create-missing", "true", "xero.tax-types.6", "OUTPUT",
                "xero.tax-types.[7+8]", "TAX002", "xero.invoice-status", "DRAFT", "xero.grant", "refresh_token"));
        assertThat(xero.taxRates().createMissing()).isTrue();
        assertThat(xero.bookkeeping().taxTypes()).isEqualTo(Map.of("6", "OUTPUT", "7+8", "TAX002"));
        assertThat(xero.bookkeeping().invoiceStatus()).isEqualTo("DRAFT");
        assertThat(xero.withTenantId("t-1")).isEqualTo(xero(Map.of("xero.tax-rates.create-missing", "true", "xero.tax-types.6", "OUTPUT",
                "xero.tax-types.[7+8]", "TAX002", "xero.invoice-status", "DRAFT", "xero.grant", "refresh_token", "xero.tenant-id", "t-1")));
    }

    /** The moved keys as environment variables, as README and jobs/cscart-xero.env.example write them. */
    @Test
    void environmentVariablesBindTheSameKeys() {
        var env = new org.springframework.core.env.SystemEnvironmentPropertySource(
                org.springframework.core.env.StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of("XERO_TAXRATES_CREATEMISSING", "true",
                "SYNC_VOID_ON_STATUS", "I,D", "SYNC_ORDER_STATUSES", "C", "SYNC_LOCK_STALE_AFTER", "90s", "CSCART_IMPORT_CATEGORY_ID", "2",
                "CSCART_IMPORT_COMPANY_ID", "0", "CSCART_IMPORT_PRODUCT_STATUS", "H", "CSCART_IMPORT_UPDATE_PRICES", "true"));
        Binder binder = new Binder(org.springframework.boot.context.properties.source.ConfigurationPropertySources.from(env), null,
                ApplicationConversionService.getSharedInstance());
        assertThat(binder.bindOrCreate("xero", XeroProperties.class).taxRates().createMissing()).isTrue();
        assertThat(binder.bindOrCreate("sync", SyncProperties.class)).isEqualTo(new SyncProperties(50, 100_000, List.of("C"),
                List.of("I", "D"), Duration.ofSeconds(90), null));
        assertThat(binder.bindOrCreate("cscart", CsCartProperties.class).imports()).isEqualTo(new CsCartProperties.Import(2L, 0, "H", true));
    }

    /** Each constraint of each record: the one line the CLI prints after "Configuration error: ". */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            xero.grant                    | password | xero.grant has an invalid value 'password' (XERO_GRANT): must be client_credentials or refresh_token
            xero.api-url                  | " "      | xero.api-url has an invalid value ' ' (XERO_API_URL): must not be blank
            xero.identity-url             | " "      | xero.identity-url has an invalid value ' ' (XERO_IDENTITY_URL): must not be blank
            xero.redirect-uri             | " "      | xero.redirect-uri has an invalid value ' ' (XERO_REDIRECT_URI): must not be blank
            xero.scopes                   | " "      | xero.scopes has an invalid value ' ' (XERO_SCOPES): must not be blank
            xero.token-key-file           | " "      | xero.token-key-file has an invalid value '****' (XERO_TOKEN_KEY_FILE): must not be blank
            xero.callback-timeout         | 500ms    | xero.callback-timeout has an invalid value 'PT0.5S' (XERO_CALLBACK_TIMEOUT): must be at least 1s
            xero.max-in-flight            | 0        | xero.max-in-flight has an invalid value '0' (XERO_MAX_IN_FLIGHT): must be greater than or equal to 1
            xero.calls-per-window         | 0        | xero.calls-per-window has an invalid value '0' (XERO_CALLS_PER_WINDOW): must be greater than or equal to 1
            xero.window                   | 0s       | xero.window has an invalid value 'PT0S' (XERO_WINDOW): must be positive
            xero.max-attempts             | 0        | xero.max-attempts has an invalid value '0' (XERO_MAX_ATTEMPTS): must be greater than or equal to 1
            xero.initial-backoff          | -1s      | xero.initial-backoff has an invalid value 'PT-1S' (XERO_INITIAL_BACKOFF): must not be negative
            xero.max-backoff              | -1s      | xero.max-backoff has an invalid value 'PT-1S' (XERO_MAX_BACKOFF): must not be negative
            xero.connect-timeout          | 0s       | xero.connect-timeout has an invalid value 'PT0S' (XERO_CONNECT_TIMEOUT): must be positive
            xero.read-timeout             | 0s       | xero.read-timeout has an invalid value 'PT0S' (XERO_READ_TIMEOUT): must be positive
            xero.revenue-account-code     | " "      | xero.revenue-account-code has an invalid value ' ' (XERO_REVENUE_ACCOUNT_CODE): must not be blank
            xero.shipping-account-code    | " "      | xero.shipping-account-code has an invalid value ' ' (XERO_SHIPPING_ACCOUNT_CODE): must not be blank
            xero.surcharge-account-code   | " "      | xero.surcharge-account-code has an invalid value ' ' (XERO_SURCHARGE_ACCOUNT_CODE): must not be blank
            xero.discount-account-code    | " "      | xero.discount-account-code has an invalid value ' ' (XERO_DISCOUNT_ACCOUNT_CODE): must not be blank
            xero.gift-certificate-account-code | " " | xero.gift-certificate-account-code has an invalid value ' ' (XERO_GIFT_CERTIFICATE_ACCOUNT_CODE): must not be blank
            xero.rounding-account-code    | " "      | xero.rounding-account-code has an invalid value ' ' (XERO_ROUNDING_ACCOUNT_CODE): must not be blank
            xero.untaxed-tax-type         | " "      | xero.untaxed-tax-type has an invalid value ' ' (XERO_UNTAXED_TAX_TYPE): must not be blank
            xero.invoice-due-days         | -1       | xero.invoice-due-days has an invalid value '-1' (XERO_INVOICE_DUE_DAYS): must be greater than or equal to 0
            xero.invoice-status           | PAID     | xero.invoice-status has an invalid value 'PAID' (XERO_INVOICE_STATUS): must be DRAFT, SUBMITTED or AUTHORISED
            cscart.table-prefix           | x;drop   | cscart.table-prefix must match ^[a-z0-9_]{0,32}$ but was 'x;drop' (CSCART_TABLE_PREFIX)
            cscart.language               | eng      | cscart.language must be a two-letter CS-Cart lang_code but was 'eng' (CSCART_LANGUAGE)
            cscart.timezone               | Mars/Olympus | cscart.timezone must be a time zone id such as Europe/Berlin but was 'Mars/Olympus' (CSCART_TIMEZONE)
            cscart.import.category-id     | 0        | cscart.import.category-id has an invalid value '0' (CSCART_IMPORT_CATEGORY_ID): must be the id of a category of the store (or not set)
            cscart.import.company-id      | -1       | cscart.import.company-id has an invalid value '-1' (CSCART_IMPORT_COMPANY_ID): must be greater than or equal to 0
            cscart.import.product-status  | X        | cscart.import.product-status has an invalid value 'X' (CSCART_IMPORT_PRODUCT_STATUS): must be A (active), H (hidden) or D (disabled)
            sync.chunk-size               | 51       | sync.chunk-size has an invalid value '51' (SYNC_CHUNK_SIZE): must be between 1 and 50 (Xero's batch size)
            sync.chunk-size               | 0        | sync.chunk-size has an invalid value '0' (SYNC_CHUNK_SIZE): must be greater than or equal to 1
            sync.skip-limit               | -1       | sync.skip-limit has an invalid value '-1' (SYNC_SKIP_LIMIT): must be greater than or equal to 0
            sync.order-statuses           | ""       | sync.order-statuses has an invalid value '' (SYNC_ORDER_STATUSES): must name at least one order status, e.g. P,C
            sync.order-statuses           | "P,CC"   | sync.order-statuses has an invalid value 'CC' (SYNC_ORDER_STATUSES): must be CS-Cart status codes (one letter each) separated by commas, e.g. P,C
            sync.void-on-status           | I;D      | sync.void-on-status has an invalid value 'I;D' (SYNC_VOID_ON_STATUS): must be CS-Cart status codes (one letter each) separated by commas, e.g. P,C
            sync.lock-stale-after         | 500ms    | sync.lock-stale-after has an invalid value 'PT0.5S' (SYNC_LOCK_STALE_AFTER): must be at least 1s
            """)
    void eachBadValueNamesItsPropertyAndVariable(String key, String value, String expected) {
        assertThat(error(key, value)).isEqualTo(expected);
    }

    /** A value that is not even of the right type: the property, its variable and the value. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            xero.window                   | soon
            xero.max-in-flight            | five
            xero.tax-rates.create-missing | maybe
            cscart.import.category-id     | shoes
            cscart.import.update-prices   | maybe
            cscart.import.company-id      | one
            sync.lock-stale-after         | soon
            sync.chunk-size               | many
            """)
    void aValueOfTheWrongTypeNamesItsPropertyAndVariable(String key, String value) {
        assertThat(error(key, value)).startsWith(key + " has an invalid value '" + value + "' ("
                + io.cscartxero.ops.LaunchRequirements.envVar(key) + "): ");
    }

    /**
     * The same through the application's own binding ({@code @EnableConfigurationProperties}, {@code @Validated}): a
     * context with a bad value of each record does not start, with the same line.
     */
    @Test
    void theApplicationBindsAndValidatesTheRecordsTheSameWay() {
        ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Records.class);
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(SyncProperties.class).orderStatuses()).containsExactly("P", "C");
            assertThat(context.getBean(CsCartProperties.class).imports().productStatus()).isEqualTo("D");
            assertThat(context.getBean(XeroProperties.class).taxRates().createMissing()).isFalse();
        });
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("xero.max-in-flight=0", "xero.max-in-flight has an invalid value '0' (XERO_MAX_IN_FLIGHT): must be greater than or equal to 1");
        bad.put("cscart.import.product-status=X",
                "cscart.import.product-status has an invalid value 'X' (CSCART_IMPORT_PRODUCT_STATUS): must be A (active), H (hidden) or D (disabled)");
        bad.put("sync.order-statuses=P,CC", "sync.order-statuses has an invalid value 'CC' (SYNC_ORDER_STATUSES): must be CS-Cart status codes "
                + "(one letter each) separated by commas, e.g. P,C");
        bad.put("sync.lock-stale-after=soon", "sync.lock-stale-after has an invalid value 'soon' (SYNC_LOCK_STALE_AFTER): ");
        bad.forEach((setting, expected) -> runner.withPropertyValues(setting).run(context -> {
            assertThat(context).as(setting).hasFailed();
            assertThat(ConfigurationErrors.describe(context.getStartupFailure(), List.of())).as(setting).startsWith(expected);
        }));
    }

    @EnableConfigurationProperties({ XeroProperties.class, CsCartProperties.class, SyncProperties.class })
    static class Records {
    }

    /** Values tried for a key until one binds (the first that suits its type and constraints). */
    private static final List<String> SAMPLES = List.of("7", "2s", "true", "A", "DRAFT", "refresh_token", "Europe/Berlin", "de",
            "jdbc:mysql://h/db", "https://shop.example.com/admin.php", "native");

    @Test
    void everyKeyOfTheReadmeConfigurationTableBindsToSomething() throws IOException {
        List<String> keys = readmeKeys();
        assertThat(keys).as("README configuration table").hasSizeGreaterThan(40).contains("sync.lock-stale-after",
                "cscart.import.company-id", "xero.tax-rates.create-missing", "cscart.datasource.password", "xero.window");
        List<String> unbound = new ArrayList<>();
        for (String key : keys) {
            if (key.contains("@")) {
                // rate-specific tax lines: Spring's binder cannot keep '@' in a map key; TaxTypeRules reads them by name
                var env = new StandardEnvironment();
                env.getPropertySources().addFirst(new MapPropertySource("readme", Map.of(key, "TAX001")));
                assertThat(TaxTypeRules.from(env).rules()).as(key).singleElement().extracting(TaxTypeRules.Rule::property).isEqualTo(key);
                continue;
            }
            if (key.equals("tenants.<name>.<key>")) {
                // the tenant overlay (tenant/TenantPropertySource): any key of the table, under a tenant's name
                var env = new StandardEnvironment();
                env.getPropertySources().addFirst(new MapPropertySource("readme", Map.of("tenants.shop1.xero.client-id", "x")));
                assertThat(io.cscartxero.tenant.Tenants.configured(env)).as(key).containsExactly("shop1");
                continue;
            }
            if (key.equals("console.password")) {
                // read once by console/ConsoleSecurityConfiguration and hashed; deliberately bound to no record
                continue;
            }
            if (key.startsWith("management.")) {
                // Spring Boot Actuator's own setting: the connector sets its default in application.properties
                assertThat(Files.readString(Path.of("src/main/resources/application.properties"))).as(key).contains(key + "=");
                continue;
            }
            if (!bindsToSomething(key)) {
                unbound.add(key);
            }
        }
        assertThat(unbound).as("README keys that bind to nothing").isEmpty();
    }

    /** The other way round: every setting of the three records is in README's table. */
    @Test
    void everyKeyOfTheRecordsIsInTheReadmeTable() throws IOException {
        Set<String> documented = new HashSet<>(readmeKeys());
        List<String> missing = new ArrayList<>();
        keysOf(XeroProperties.class, "xero", missing, documented);
        keysOf(CsCartProperties.class, "cscart", missing, documented);
        keysOf(SyncProperties.class, "sync", missing, documented);
        keysOf(io.cscartxero.console.ConsoleProperties.class, "console", missing, documented);
        assertThat(missing).as("settings missing from README's configuration table").isEmpty();
    }

    private static void keysOf(Class<?> record, String prefix, List<String> missing, Set<String> documented) {
        for (var component : record.getRecordComponents()) {
            org.springframework.boot.context.properties.bind.Name named;
            try {
                named = record.getDeclaredField(component.getName()).getAnnotation(org.springframework.boot.context.properties.bind.Name.class);
            } catch (NoSuchFieldException e) {
                throw new AssertionError(e);
            }
            String key = prefix + "." + org.springframework.boot.context.properties.bind.DataObjectPropertyName.toDashedForm(
                    named != null ? named.value() : component.getName());
            if (component.getType().isRecord()) {
                keysOf(component.getType(), key, missing, documented);
            } else if (Map.class.isAssignableFrom(component.getType())) {
                if (documented.stream().noneMatch(k -> k.startsWith(key + "."))) {
                    missing.add(key + ".*");
                }
            } else if (!documented.contains(key)) {
                missing.add(key);
            }
        }
    }

    private static boolean bindsToSomething(String key) {
        for (String sample : SAMPLES) {
            Set<ConfigurationPropertyName> bound = new HashSet<>();
            try {
                if (key.startsWith("spring.datasource.")) {
                    Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(key, sample)));
                    binder.bind("spring.datasource", Bindable.ofInstance(new DataSourceProperties()), recording(bound));
                } else if (key.startsWith("server.")) {
                    Binder binder = new Binder(List.of(new MapConfigurationPropertySource(Map.of(key, sample))), null,
                            ApplicationConversionService.getSharedInstance());
                    binder.bind("server", Bindable.ofInstance(new ServerProperties()), recording(bound));
                } else {
                    String prefix = key.substring(0, key.indexOf('.'));
                    Class<?> type = switch (prefix) {
                        case "xero" -> XeroProperties.class;
                        case "cscart" -> CsCartProperties.class;
                        case "sync" -> SyncProperties.class;
                        case "console" -> io.cscartxero.console.ConsoleProperties.class;
                        default -> throw new AssertionError("no record for " + key);
                    };
                    bind(type, prefix, Map.of(key, sample), bound);
                }
            } catch (RuntimeException notThisSample) {
                continue;
            }
            if (bound.contains(ConfigurationPropertyName.of(key))) {
                return true;
            }
        }
        return false;
    }

    private static org.springframework.boot.context.properties.bind.BindHandler recording(Set<ConfigurationPropertyName> bound) {
        return new AbstractBindHandler() {
            @Override
            public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context, Object result) {
                if (context.getConfigurationProperty() != null) {
                    bound.add(context.getConfigurationProperty().getName());
                }
                return result;
            }
        };
    }

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    /**
     * The keys of README's "Configuration" table (first column), read-only: "`a.b.c` / `.d`" is a.b.c and a.b.d;
     * placeholders are filled in ({@code <tax id>} → 6, {@code <rate>} → 12).
     */
    static List<String> readmeKeys() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8);
        int start = lines.indexOf("## Configuration");
        assertThat(start).as("README has a Configuration section").isNotNegative();
        List<String> keys = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (!line.startsWith("| `")) {
                continue;
            }
            String first = line.substring(1, line.indexOf('|', 1));
            Matcher m = CODE.matcher(first);
            String previous = null;
            while (m.find()) {
                String key = m.group(1).strip();
                if (key.startsWith(".") && previous != null) {
                    key = previous.substring(0, previous.lastIndexOf('.')) + key;
                }
                previous = key;
                key = key.replace("<tax id>", "6").replace("<rate>", "12").replace("<payment_id>", "4").replace("<product_id>", "12")
                        .replace("<category_id>", "2").replace("<company_id>", "3").replace("<n>", "1").replace("<value>", "4");
                keys.add(key);
            }
        }
        return keys;
    }

    @Test
    void readmeKeysAreReadAsWritten() throws IOException {
        assertThat(readmeKeys()).contains("cscart.datasource.username", "cscart.datasource.password", "spring.datasource.password",
                "xero.calls-per-window", "xero.max-backoff", "xero.tax-types.6", "xero.tax-types.6@12", "server.port");
        assertThatThrownBy(() -> bind(SyncProperties.class, "sync", Map.of("sync.chunk-size", "0"))).isInstanceOf(RuntimeException.class);
    }
}
