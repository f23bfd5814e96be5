package io.cscartxero.infra;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.SmartApplicationListener;

/**
 * Keeps the loggers that could print a request to Xero or connect's OAuth callback at INFO, whatever
 * {@code logging.level.*} says (even {@code --logging.level.root=TRACE}) and whatever the actuator's loggers endpoint
 * sets later: Spring's {@code RestClient} and HTTP message converters print request bodies at DEBUG, the JDK HTTP
 * server (connect's callback, via the JUL bridge) prints request lines with their query (code, state) at DEBUG, the
 * HTTP clients' wire loggers print headers (Authorization). A Logback {@link TurboFilter} denies their events below
 * INFO before any level is consulted; the JDK HTTP client's debug loggers (only switched on by system properties) are
 * denied at every level. Installed by a listener (registered in {@code META-INF/spring.factories}) right after Spring
 * Boot has (re)configured Logback, in every application context the connector starts.
 */
public final class SecretLogGuard implements SmartApplicationListener {

    /** Events below INFO from these loggers (and their children) are dropped. */
    static final List<String> PINNED_AT_INFO = List.of(
            "org.springframework.web.client",
            "org.springframework.http",
            "com.sun.net.httpserver",
            "sun.net.httpserver",
            "sun.net.www.protocol.http",
            "org.apache.hc.client5.http",
            "org.apache.http");

    /** Debug-only loggers that print headers and bodies: dropped at every level. */
    static final List<String> SILENCED = List.of(
            "jdk.httpclient.HttpClient",
            "jdk.internal.httpclient",
            "org.apache.hc.client5.http.wire",
            "org.apache.http.wire",
            "org.apache.http.headers");

    @Override
    public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
        return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(eventType)
                || ApplicationPreparedEvent.class.isAssignableFrom(eventType);
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        install();
    }

    /** Right after {@link LoggingApplicationListener}, which resets and configures Logback. */
    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }

    /** Adds the filter to Logback's context unless it is there already. */
    public static void install() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context
                && context.getTurboFilterList().stream().noneMatch(Filter.class::isInstance)) {
            Filter filter = new Filter();
            filter.setName("cscart-xero-secret-log-guard");
            filter.setContext(context);
            filter.start();
            context.addTurboFilter(filter);
        }
    }

    static boolean under(String name, String prefix) {
        return name.startsWith(prefix) && (name.length() == prefix.length() || name.charAt(prefix.length()) == '.');
    }

    /** The Logback side: decides before the logger's level is consulted. */
    public static final class Filter extends TurboFilter {

        @Override
        public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
            if (logger == null || level == null) {
                return FilterReply.NEUTRAL;
            }
            String name = logger.getName();
            char first = name.isEmpty() ? ' ' : name.charAt(0);
            if (first != 'o' && first != 'c' && first != 's' && first != 'j') {
                return FilterReply.NEUTRAL;   // the common case (io.cscartxero, ROOT...) without a string comparison
            }
            for (String prefix : SILENCED) {
                if (under(name, prefix)) {
                    return FilterReply.DENY;
                }
            }
            if (!level.isGreaterOrEqual(Level.INFO)) {
                for (String prefix : PINNED_AT_INFO) {
                    if (under(name, prefix)) {
                        return FilterReply.DENY;
                    }
                }
            }
            return FilterReply.NEUTRAL;
        }
    }
}
