package io.cscartxero.xero;

import java.net.http.HttpClient;
import java.time.Clock;

import io.cscartxero.xero.auth.TokenCipher;
import io.cscartxero.xero.auth.TokenKeys;
import io.cscartxero.xero.auth.TokenStore;
import io.cscartxero.xero.auth.XeroTokenService;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
public class XeroClientConfiguration {

    /** JDK HttpClient forced to HTTP/1.1: on http:// it would otherwise try an h2c upgrade that simple servers reset. */
    @Bean
    RestClient xeroRestClient(XeroProperties properties) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(properties.readTimeout());
        return RestClient.builder().requestFactory(factory).build();
    }

    /** The booking settings of {@link XeroProperties}, for the jobs and checks that need only them. */
    @Bean
    BookkeepingProperties bookkeepingProperties(XeroProperties properties) {
        return properties.bookkeeping();
    }

    @Bean
    XeroCallMetrics xeroCallMetrics(MeterRegistry registry, XeroProperties properties) {
        return new XeroCallMetrics(registry, properties.connectorTenant());
    }

    @Bean
    XeroRateLimiter xeroRateLimiter(XeroProperties properties) {
        return new XeroRateLimiter(properties.maxInFlight(), properties.callsPerWindow(), properties.window());
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    XeroTokenService xeroTokenService(XeroProperties properties, RestClient xeroRestClient, JdbcTemplate jdbc,
            PlatformTransactionManager txManager, Clock clock, Environment environment) {
        // the key: xero.token-encryption-key when it is one, else the key file (xero.token-key-file), created on first use
        TokenStore store = new TokenStore(jdbc, txManager, new TokenCipher(TokenKeys.of(properties.tokenEncryptionKey(), java.nio.file.Path.of(properties.tokenKeyFile().strip()))),
                properties.connectionName());
        return new XeroTokenService(properties, store, xeroRestClient, clock);
    }

    @Bean
    XeroHttp xeroHttp(RestClient xeroRestClient, XeroProperties properties, XeroTokenService tokens,
            XeroRateLimiter limiter, XeroCallMetrics metrics) {
        return new XeroHttp(xeroRestClient, properties, tokens, limiter, metrics);
    }

    @Bean
    XeroContacts xeroContacts(XeroHttp http) {
        return new XeroContacts(http);
    }

    @Bean
    XeroItems xeroItems(XeroHttp http) {
        return new XeroItems(http);
    }

    @Bean
    XeroInvoices xeroInvoices(XeroHttp http) {
        return new XeroInvoices(http);
    }

    @Bean
    XeroPayments xeroPayments(XeroHttp http) {
        return new XeroPayments(http);
    }

    @Bean
    XeroOrganisation xeroOrganisation(XeroHttp http) {
        return new XeroOrganisation(http);
    }
}
