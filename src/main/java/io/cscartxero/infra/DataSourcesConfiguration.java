package io.cscartxero.infra;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.cscartxero.cscart.CsCartProperties;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Two databases: the connector's own (primary: Spring Batch metadata, links, error log, tokens) and the CS-Cart
 * store's. Declaring the second one makes Boot's DataSource auto-configuration back off, so both are declared here.
 */
@Configuration(proxyBeanMethods = false)
public class DataSourcesConfiguration {

    public static final String CSCART = "cscart";

    @Bean
    @Primary
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(DataSourceProperties properties) {
        HikariDataSource ds = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        ds.setPoolName("connector");
        return ds;
    }

    /** Pools connect lazily, so commands that never touch the store start without it. */
    @Bean(name = CSCART, defaultCandidate = false)
    HikariDataSource cscartDataSource(CsCartProperties properties) {
        HikariDataSource ds = new HikariDataSource();
        ds.setPoolName(CSCART);
        if (properties.datasource().url() != null) {
            ds.setJdbcUrl(properties.datasource().url());
        }
        ds.setUsername(properties.datasource().username());
        ds.setPassword(properties.datasource().password());
        ds.setMaximumPoolSize(4);
        ds.setInitializationFailTimeout(-1);
        return ds;
    }

    @Bean(defaultCandidate = false)
    @Qualifier(CSCART)
    NamedParameterJdbcTemplate cscartJdbc(@Qualifier(CSCART) DataSource cscart) {
        return new NamedParameterJdbcTemplate(cscart);
    }

    @Bean
    @Primary
    JdbcTemplate jdbcTemplate(DataSource dataSource) {
        return new JdbcTemplate(dataSource);
    }
}
