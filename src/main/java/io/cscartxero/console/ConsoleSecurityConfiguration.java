package io.cscartxero.console;

import java.util.EnumSet;
import java.util.List;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.web.server.servlet.CookieSameSiteSupplier;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.templateresolver.SpringResourceTemplateResolver;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * The console's security and views, all of it here: Spring Boot's security and Thymeleaf auto-configurations are
 * excluded (CsCartXeroApplication), so with the console off nothing of Spring Security or Thymeleaf runs, and with
 * it on, Spring Security's filter is registered for {@code /console/*} only — Actuator and everything else are
 * served exactly as without the console.
 * <p>
 * One operator account: {@code console.username}, password from {@code console.password} ({@code CONSOLE_PASSWORD}),
 * hashed with BCrypt at start (or given as a {@code {bcrypt}} hash); only the hash is kept. Form login, CSRF on every
 * POST (Spring Security's default for a session login), session cookie HttpOnly and SameSite=Lax, and Secure when the
 * request is (HTTPS, or behind a proxy with {@code server.forward-headers-strategy=native}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnConsole
@EnableWebSecurity
public class ConsoleSecurityConfiguration {

    /** Shortest plain password taken: the console can start and stop jobs and disconnect Xero. */
    static final int MIN_PASSWORD = 12;

    static final String BCRYPT = "{bcrypt}";

    /** The operator account; the plain password is hashed here and not kept. */
    @Bean
    UserDetailsService consoleUsers(ConsoleProperties console, Environment env) {
        String configured = env.getProperty("console.password");
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException("console.enabled=true but console.password (CONSOLE_PASSWORD) is not set: set the "
                    + "operator's password (at least " + MIN_PASSWORD + " characters) or its {bcrypt} hash in the environment, "
                    + "or turn the console off");
        }
        String hash;
        if (configured.startsWith(BCRYPT)) {
            if (!configured.substring(BCRYPT.length()).matches("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}")) {
                throw new IllegalStateException("console.password (CONSOLE_PASSWORD) starts with {bcrypt} but the rest is not a BCrypt hash");
            }
            hash = configured;
        } else {
            if (configured.length() < MIN_PASSWORD) {
                throw new IllegalStateException("console.password (CONSOLE_PASSWORD) is shorter than " + MIN_PASSWORD + " characters");
            }
            hash = BCRYPT + new BCryptPasswordEncoder().encode(configured);
        }
        return new InMemoryUserDetailsManager(User.withUsername(console.username()).password(hash).roles("OPERATOR").build());
    }

    /**
     * Spring Security's authentication events as application events (Boot's auto-configuration of it is excluded):
     * {@link LoginThrottle} counts the failures and successes.
     */
    @Bean
    AuthenticationEventPublisher consoleAuthenticationEvents(ApplicationEventPublisher events) {
        return new DefaultAuthenticationEventPublisher(events);
    }

    @Bean
    PasswordEncoder consolePasswordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    SecurityFilterChain consoleFilterChain(HttpSecurity http, ConsoleAudit audit, LoginThrottle throttle) throws Exception {
        SavedRequestAwareAuthenticationSuccessHandler success = new SavedRequestAwareAuthenticationSuccessHandler();
        success.setDefaultTargetUrl("/console/");
        SimpleUrlAuthenticationFailureHandler failure = new SimpleUrlAuthenticationFailureHandler("/console/login?error");
        http.securityMatcher("/console/**")
                .addFilterBefore(throttle.filter(), UsernamePasswordAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a.requestMatchers("/console/login", "/console/console.css").permitAll()
                        .anyRequest().hasRole("OPERATOR"))
                .formLogin(f -> f.loginPage("/console/login").loginProcessingUrl("/console/login")
                        .successHandler((request, response, authentication) -> {
                            audit.record(authentication.getName(), ConsoleAudit.LOGIN, null, request, "signed in");
                            success.onAuthenticationSuccess(request, response, authentication);
                        })
                        .failureHandler((request, response, exception) -> {
                            audit.record(request.getParameter("username"), ConsoleAudit.LOGIN_REFUSED, null, request,
                                    exception.getClass().getSimpleName());
                            failure.onAuthenticationFailure(request, response, exception);
                        }))
                .logout(l -> l.logoutUrl("/console/logout").logoutSuccessUrl("/console/login?logout")
                        .addLogoutHandler((request, response, authentication) -> {
                            if (authentication != null) {
                                audit.record(authentication.getName(), ConsoleAudit.LOGOUT, null, request, "signed out");
                            }
                        }))
                .csrf(c -> c.csrfTokenRepository(new NoSessionForRefusedPosts()))
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives("default-src 'none'; style-src 'self'; img-src 'self'; "
                                + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /**
     * Spring Security's session-held CSRF token, except that a POST arriving without a session (a forged one from
     * another site: the SameSite=Lax cookie is not sent) creates none. Otherwise checking it would create a session
     * whose cookie replaces the operator's, signing them out.
     */
    static final class NoSessionForRefusedPosts implements org.springframework.security.web.csrf.CsrfTokenRepository {

        private final org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository sessions =
                new org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository();

        @Override
        public org.springframework.security.web.csrf.CsrfToken generateToken(jakarta.servlet.http.HttpServletRequest request) {
            return sessions.generateToken(request);
        }

        @Override
        public void saveToken(org.springframework.security.web.csrf.CsrfToken token, jakarta.servlet.http.HttpServletRequest request,
                jakarta.servlet.http.HttpServletResponse response) {
            if (request.getSession(false) == null && !"GET".equals(request.getMethod())) {
                return;
            }
            sessions.saveToken(token, request, response);
        }

        @Override
        public org.springframework.security.web.csrf.CsrfToken loadToken(jakarta.servlet.http.HttpServletRequest request) {
            return sessions.loadToken(request);
        }
    }

    /**
     * Spring Security's filter on the console's paths only (Boot's SecurityFilterAutoConfiguration, which would put it
     * in front of every path, is excluded).
     */
    @Bean
    DelegatingFilterProxyRegistrationBean consoleSecurityFilterRegistration() {
        DelegatingFilterProxyRegistrationBean registration = new DelegatingFilterProxyRegistrationBean("springSecurityFilterChain");
        registration.setUrlPatterns(List.of("/console/*"));
        registration.setOrder(-100);
        registration.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
        return registration;
    }

    /** The session cookie (the console's only cookie): SameSite=Lax; Tomcat makes it HttpOnly, and Secure on HTTPS. */
    @Bean
    CookieSameSiteSupplier consoleCookieSameSite() {
        return CookieSameSiteSupplier.ofLax();
    }

    @Bean
    SpringResourceTemplateResolver consoleTemplateResolver(ApplicationContext context) {
        SpringResourceTemplateResolver resolver = new SpringResourceTemplateResolver();
        resolver.setApplicationContext(context);
        resolver.setPrefix("classpath:/templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        resolver.setCheckExistence(true);
        return resolver;
    }

    @Bean
    SpringTemplateEngine consoleTemplateEngine(SpringResourceTemplateResolver consoleTemplateResolver) {
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(consoleTemplateResolver);
        engine.setEnableSpringELCompiler(true);
        return engine;
    }

    @Bean
    ThymeleafViewResolver consoleViewResolver(SpringTemplateEngine consoleTemplateEngine) {
        ThymeleafViewResolver resolver = new ThymeleafViewResolver();
        resolver.setTemplateEngine(consoleTemplateEngine);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setContentType("text/html;charset=UTF-8");
        resolver.setViewNames(new String[] { "console/*" });
        resolver.setOrder(Ordered.LOWEST_PRECEDENCE - 5);
        return resolver;
    }
}
