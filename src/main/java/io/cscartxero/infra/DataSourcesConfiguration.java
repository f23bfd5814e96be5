package io.cscartxero.infra;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two databases: the connector's own (primary: Spring Batch metadata, links, error log, tokens), declared here, and
 * the CS-Cart store's, declared by {@code cscart.CsCartDataSourceConfiguration} under the qualifier {@link #CSCART}.
 * Declaring the second one makes Boot's DataSource auto-configuration back off, so the first is declared here too.
 * This package knows no other package of the connector.
 */
@Configuration(proxyBeanMethods = false)
public class DataSourcesConfiguration {

    /** Bean name and qualifier of the CS-Cart store's DataSource and NamedParameterJdbcTemplate. */
    public static final String CSCART = "cscart";

    /**
     * Not in a tenant's context of {@code serve} (a child of the context that has it): every tenant uses the one pool.
     */
    @Bean
    @Primary
    @ConditionalOnMissingBean(name = "dataSource")
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(DataSourceProperties properties) {
        return ConnectorDataSource.create(properties);
    }

    /** Where the connector keeps its files (the H2 database's directory, else ./data), private: see DataDirectory. */
    @Bean
    DataDirectory dataDirectory(DataSourceProperties properties) {
        return DataDirectory.of(properties.determineUrl());
    }

    @Bean
    @Primary
    JdbcTemplate jdbcTemplate(DataSource dataSource) {
        return new JdbcTemplate(dataSource);
    }
}
