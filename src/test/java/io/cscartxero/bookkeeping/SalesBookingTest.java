package io.cscartxero.bookkeeping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import io.cscartxero.xero.PreflightException;
import io.cscartxero.xero.XeroProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** xero.revenue-accounts.* and xero.tracking.* as operators write them (properties and environment variables). */
class SalesBookingTest {

    private static XeroProperties bind(Map<String, String> properties) {
        return new Binder(List.of(new MapConfigurationPropertySource(properties)), null, ApplicationConversionService.getSharedInstance())
                .bindOrCreate("xero", XeroProperties.class);
    }

    @Test
    void withoutMappingsEverythingIsOnTheDefaultAccountAndUntracked() {
        SalesBooking booking = SalesBooking.of(bind(Map.of()));
        assertThat(booking.mapsAccounts()).isFalse();
        assertThat(booking.tracks()).isFalse();
        assertThat(booking.revenueAccountCodes()).containsExactly("200");
    }

    @Test
    void mappingsAndTrackingBindFromPropertiesAndEnvironmentVariables() {
        SalesBooking booking = SalesBooking.of(bind(Map.of("xero.revenue-accounts.product.12", "204",
                "xero.revenue-accounts.category.2", "201", "xero.revenue-accounts.storefront.3", " 203 ",
                "xero.tracking.2.name", "Payment", "xero.tracking.2.source", "payment-method", "xero.tracking.2.options.4", "Bank",
                "xero.tracking.1.name", "Channel", "xero.tracking.1.source", "storefront", "xero.tracking.1.fallback", "Other")));
        assertThat(booking.byProduct()).isEqualTo(Map.of(12L, "204"));
        assertThat(booking.byCategory()).isEqualTo(Map.of(2L, "201"));
        assertThat(booking.byStorefront()).isEqualTo(Map.of(3L, "203"));
        assertThat(booking.revenueAccountCodes()).containsExactly("200", "204", "201", "203");
        assertThat(booking.tracking()).containsExactly(
                new TrackingDimension(1, "Channel", TrackingDimension.Source.STOREFRONT, Map.of(), "Other"),
                new TrackingDimension(2, "Payment", TrackingDimension.Source.PAYMENT_METHOD, Map.of("4", "Bank"), null));

        var env = new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                "XERO_REVENUEACCOUNTS_CATEGORY_7", "260", "XERO_TRACKING_1_NAME", "Region", "XERO_TRACKING_1_SOURCE", "billing-country",
                "XERO_TRACKING_1_OPTIONS_US", "North America"));
        XeroProperties fromEnv = new Binder(ConfigurationPropertySources.from(env), null, ApplicationConversionService.getSharedInstance())
                .bindOrCreate("xero", XeroProperties.class);
        SalesBooking envBooking = SalesBooking.of(fromEnv);
        assertThat(envBooking.byCategory()).isEqualTo(Map.of(7L, "260"));
        assertThat(envBooking.tracking().get(0).source()).isEqualTo(TrackingDimension.Source.BILLING_COUNTRY);
        assertThat(envBooking.tracking().get(0).options()).containsEntry("us", "North America");
        assertThat(fromEnv.withTenantId("t-1").tracking()).isEqualTo(fromEnv.tracking());
    }

    @Test
    void unusableSettingsNameTheProperty() {
        assertThatThrownBy(() -> SalesBooking.of(bind(Map.of("xero.tracking.3.name", "X", "xero.tracking.3.source", "vendor"))))
                .isInstanceOf(PreflightException.class).hasMessageStartingWith("xero.tracking.3 is not a tracking category");
        assertThatThrownBy(() -> SalesBooking.of(bind(Map.of("xero.revenue-accounts.category.abc", "200"))))
                .isInstanceOf(PreflightException.class).hasMessage("xero.revenue-accounts.category.abc: 'abc' is not an id");
        assertThatThrownBy(() -> SalesBooking.of(bind(Map.of("xero.tracking.1.name", "Channel", "xero.tracking.1.source", "storefront",
                "xero.tracking.2.name", "channel", "xero.tracking.2.source", "vendor"))))
                .isInstanceOf(PreflightException.class).hasMessage("xero.tracking.2.name 'channel' is the name of the other tracking category");
    }
}
