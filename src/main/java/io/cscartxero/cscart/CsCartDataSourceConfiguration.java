package io.cscartxero.cscart;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.cscartxero.infra.DataSourcesConfiguration;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The CS-Cart store's database, injected by {@code @Qualifier(DataSourcesConfiguration.CSCART)}; never a default
 * candidate, so nothing reaches the store by accident. The connector's own database is declared in
 * {@link DataSourcesConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
public class CsCartDataSourceConfiguration {

    /**
     * Pools connect lazily, so commands that never touch the store start without it. A tenant's context of
     * {@code serve} (a child of the context that has it) uses the one pool: the tenants share the store.
     */
    @Bean(name = DataSourcesConfiguration.CSCART, defaultCandidate = false)
    @org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean(name = DataSourcesConfiguration.CSCART)
    HikariDataSource cscartDataSource(CsCartProperties properties) {
        HikariDataSource ds = new HikariDataSource();
        ds.setPoolName(DataSourcesConfiguration.CSCART);
        if (properties.datasource().url() != null) {
            ds.setJdbcUrl(properties.datasource().url());
        }
        ds.setUsername(properties.datasource().username());
        ds.setPassword(properties.datasource().password());
        ds.setMaximumPoolSize(4);
        ds.setInitializationFailTimeout(-1);
        // HikariCP's recommended MySQL Connector/J settings: a statement's parsed SQL kept per connection (the order
        // reader sends the same statements, 500 ids each, for every page; other drivers ignore the keys)
        ds.addDataSourceProperty("cachePrepStmts", "true");
        ds.addDataSourceProperty("prepStmtCacheSize", "64");
        ds.addDataSourceProperty("prepStmtCacheSqlLimit", "65536");
        return ds;
    }

    @Bean(defaultCandidate = false)
    @Qualifier(DataSourcesConfiguration.CSCART)
    NamedParameterJdbcTemplate cscartJdbc(@Qualifier(DataSourcesConfiguration.CSCART) DataSource cscart) {
        return new NamedParameterJdbcTemplate(cscart);
    }
}
