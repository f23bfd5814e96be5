package io.cscartxero.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

/** Unit tests of the sandbox's small building blocks. */
class SandboxUnitTest {

    private static StoredContact contact(String name, String number, String status) {
        return new StoredContact("11111111-1111-1111-1111-111111111111", number, null, status, name, null, null,
                "x@example.com", null, null, null, Map.of(), Map.of(), null, Instant.parse("2024-05-01T10:00:00Z"));
    }

    @Test
    void settingsDefaultsAndWithers() {
        SandboxSettings d = SandboxSettings.defaults();
        assertThat(d.port()).isEqualTo(8089);
        assertThat(d.clientId()).isEqualTo("sandbox-client");
        assertThat(d.clientSecret()).isEqualTo("sandbox-secret");
        assertThat(d.concurrentLimit()).isEqualTo(5);
        assertThat(d.minuteLimit()).isEqualTo(60);
        assertThat(d.dayLimit()).isEqualTo(5000);
        assertThat(d.dayWindow()).isEqualTo(Duration.ofDays(1));
        assertThat(d.accessTokenTtl()).isEqualTo(Duration.ofMinutes(30));
        assertThat(d.refreshTokenGrace()).isEqualTo(Duration.ofMinutes(30));
        assertThat(d.idempotencyTtl()).isEqualTo(Duration.ofMinutes(6));

        SandboxSettings s = d.withPort(1).withMinuteLimit(3, Duration.ofSeconds(1)).withDayLimit(7, Duration.ofHours(1))
                .withConcurrentLimit(2).withCredentials("a", "b").withTenant("t", "T");
        assertThat(s).extracting(SandboxSettings::port, SandboxSettings::minuteLimit, SandboxSettings::minuteWindow,
                SandboxSettings::dayLimit, SandboxSettings::dayWindow, SandboxSettings::concurrentLimit,
                SandboxSettings::clientId, SandboxSettings::clientSecret, SandboxSettings::tenantId,
                SandboxSettings::tenantName)
                .containsExactly(1, 3, Duration.ofSeconds(1), 7, Duration.ofHours(1), 2, "a", "b", "t", "T");
        assertThatThrownBy(() -> d.withMinuteLimit(0, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clockAdvancesFromBase() {
        SandboxClock clock = new SandboxClock(Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC));
        clock.advance(Duration.ofHours(2));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2024-01-01T02:00:00Z"));
        assertThat(clock.withZone(ZoneOffset.ofHours(1)).instant()).isEqualTo(clock.instant());
        clock.resetOffset();
        assertThat(clock.instant()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    }

    @Test
    void microsoftJsonDates() {
        Instant t = Instant.ofEpochMilli(1551399323399L);
        assertThat(XeroJson.msDate(t)).isEqualTo("/Date(1551399323399+0000)/");
        assertThat(XeroJson.msDateNoOffset(t)).isEqualTo("/Date(1551399323399)/");
        assertThat(XeroJson.parseMsDate("/Date(1551399323399+0000)/")).isEqualTo(t);
        assertThat(XeroJson.parseMsDate("/Date(-1642464000000+0000)/")).isEqualTo(Instant.ofEpochMilli(-1642464000000L));
        assertThat(XeroJson.connectionDate(Instant.parse("2019-12-07T18:46:19.516540Z")))
                .isEqualTo("2019-12-07T18:46:19.5165400");
    }

    @Test
    void whereOperatorsAndPrecedence() {
        StoredContact c = contact("Alpha", "A-1", "ACTIVE");
        assertThat(matches("Name==\"alpha\"", c)).isTrue();
        assertThat(matches("Name = \"ALPHA\"", c)).isTrue();
        assertThat(matches("Name<>\"alpha\"", c)).isFalse();
        assertThat(matches("Name==\"x\" OR Name==\"y\" AND ContactNumber==\"A-1\"", c)).isFalse();
        assertThat(matches("Name==\"alpha\" OR Name==\"y\" AND ContactNumber==\"nope\"", c)).isTrue();
        assertThat(matches("NOT (Name==\"x\")", c)).isTrue();
        assertThat(matches("ContactNumber.StartsWith(\"a-\") and Name.EndsWith(\"HA\")", c)).isTrue();
        assertThat(matches("AccountNumber==null", c)).isTrue();
        assertThat(matches("UpdatedDateUTC >= DateTime(2024, 05, 01)", c)).isTrue();
        assertThat(matches("UpdatedDateUTC > DateTime(2024, 05, 01, 10, 00, 00)", c)).isFalse();
        assertThat(matches("IsCustomer == false", c)).isTrue();
        assertThat(matches("Name==\"Say \"\"hi\"\"\"", contact("Say \"hi\"", null, "ACTIVE"))).isTrue();
    }

    @Test
    void whereErrors() {
        for (String bad : List.of("Name==", "(Name==\"x\"", "Name==\"x\" )", "Name ~ \"x\"", "Name")) {
            assertThatThrownBy(() -> WhereFilter.compile(bad)).as(bad).isInstanceOf(XeroApiException.class)
                    .satisfies(e -> assertThat(((XeroApiException) e).response().bodyText())
                            .contains("\"ErrorNumber\":16").contains("QueryParseException"));
        }
    }

    private static boolean matches(String where, StoredContact c) {
        Predicate<StoredContact> p = WhereFilter.compile(where);
        return p.test(c);
    }

    @Test
    void guidParsingFollowsDotNetForms() {
        assertThat(ContactJson.guidOrNull("3FF6D40C-AF9A-40A3-89CE-3C1556A25591"))
                .isEqualTo("3ff6d40c-af9a-40a3-89ce-3c1556a25591");
        assertThat(ContactJson.guidOrNull("{3ff6d40c-af9a-40a3-89ce-3c1556a25591}"))
                .isEqualTo("3ff6d40c-af9a-40a3-89ce-3c1556a25591");
        assertThat(ContactJson.guidOrNull("3ff6d40caf9a40a389ce3c1556a25591"))
                .isEqualTo("3ff6d40c-af9a-40a3-89ce-3c1556a25591");
        assertThat(ContactJson.guidOrNull("00000000-0000-0000-0000-000000000000")).isNull();
        assertThat(ContactJson.guidOrNull("")).isNull();
        assertThatThrownBy(() -> ContactJson.guidOrNull("1-1-1-1-1")).isInstanceOf(XeroApiException.class);
    }

    @Test
    void ifModifiedSinceFormats() {
        Instant expected = Instant.parse("2020-02-06T20:17:43Z");
        assertThat(ContactsEndpoint.ifModifiedSince("2020-02-06T12:17:43.202-08:00")).isEqualTo(expected);
        assertThat(ContactsEndpoint.ifModifiedSince("2020-02-06T20:17:43")).isEqualTo(expected);
        assertThat(ContactsEndpoint.ifModifiedSince("Thu, 06 Feb 2020 20:17:43 GMT")).isEqualTo(expected);
        assertThat(ContactsEndpoint.ifModifiedSince("yesterday")).isNull();
    }

    @Test
    void statsKeepTheLastTenThousandRequests() {
        SandboxStats stats = new SandboxStats();
        for (int i = 0; i < SandboxStats.MAX_RECORDED + 5; i++) {
            stats.record(new RecordedRequest("GET", "/api.xro/2.0/Contacts", "n=" + i, Map.of(), "", 200));
        }
        assertThat(stats.requests()).hasSize(SandboxStats.MAX_RECORDED);
        assertThat(stats.requests().get(0).query()).isEqualTo("n=5");
        assertThat(stats.totalCalls()).isEqualTo(SandboxStats.MAX_RECORDED + 5);
        assertThat(stats.calls("GET", "/Contacts")).isEqualTo(SandboxStats.MAX_RECORDED + 5);
    }
}
