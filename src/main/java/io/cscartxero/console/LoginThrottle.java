package io.cscartxero.console;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits password guessing at the console's sign-in, per user name and per remote address. Spring Security's
 * authentication events count: {@link AuthenticationFailureBadCredentialsEvent} adds a failure to the user name (any
 * user name, existing or not: the lock says nothing about which exist) and to the address, {@link AuthenticationSuccessEvent}
 * clears both. From the {@value #USER_FAILURES}th consecutive failure of a user name (the {@value #ADDRESS_FAILURES}th
 * of an address) each further failure locks it for {@link #FIRST_LOCK}, doubled per failure up to {@link #LONGEST_LOCK}.
 * While locked, {@link #filter} answers a sign-in with {@code /console/login?locked} before the password is looked at.
 * A key is forgotten {@link #FORGET_AFTER} after its last failure. Locks and refused sign-ins are audited
 * ({@code LOGIN_LOCKED}, {@code LOGIN_THROTTLED}). The clock is replaceable for tests.
 */
@Component
@ConditionalOnConsole
public class LoginThrottle {

    static final int USER_FAILURES = 5;
    static final int ADDRESS_FAILURES = 10;
    static final Duration FIRST_LOCK = Duration.ofMinutes(1);
    static final Duration LONGEST_LOCK = Duration.ofHours(1);
    static final Duration FORGET_AFTER = Duration.ofHours(24);
    /** Keys kept at most (user names are free text): the oldest are dropped beyond this. */
    static final int MAX_KEYS = 10_000;

    private final ConsoleAudit audit;
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private volatile Clock clock = Clock.systemUTC();

    public LoginThrottle(ConsoleAudit audit) {
        this.audit = audit;
    }

    private record State(int failures, Instant lastFailure, Instant lockedUntil) {
    }

    /** For tests: the time the throttle sees. */
    void useClock(Clock clock) {
        this.clock = clock;
    }

    /** For tests: forget every failure. */
    void forgetAll() {
        states.clear();
    }

    static String userKey(String username) {
        return "user:" + (username == null ? "" : username.strip().toLowerCase(Locale.ROOT));
    }

    static String addressKey(String address) {
        return "address:" + address;
    }

    /** When the user name or the address is locked, until when (the later of the two). */
    public Optional<Instant> lockedUntil(String username, String address) {
        Instant now = clock.instant();
        Instant until = null;
        for (String key : new String[] { userKey(username), addressKey(address) }) {
            State s = current(key, now);
            if (s != null && s.lockedUntil() != null && s.lockedUntil().isAfter(now) && (until == null || s.lockedUntil().isAfter(until))) {
                until = s.lockedUntil();
            }
        }
        return Optional.ofNullable(until);
    }

    private State current(String key, Instant now) {
        State s = states.get(key);
        if (s != null && s.lastFailure().plus(FORGET_AFTER).isBefore(now)) {
            states.remove(key, s);
            return null;
        }
        return s;
    }

    @EventListener
    public void failed(AuthenticationFailureBadCredentialsEvent event) {
        Authentication attempt = event.getAuthentication();
        String user = attempt.getName();
        String address = address(attempt);
        Instant now = clock.instant();
        fail(userKey(user), USER_FAILURES, now, user, address, "user name");
        if (address != null) {
            fail(addressKey(address), ADDRESS_FAILURES, now, user, address, "address");
        }
    }

    private void fail(String key, int allowed, Instant now, String user, String address, String what) {
        if (states.size() >= MAX_KEYS && !states.containsKey(key)) {
            states.entrySet().stream().min((a, b) -> a.getValue().lastFailure().compareTo(b.getValue().lastFailure()))
                    .ifPresent(oldest -> states.remove(oldest.getKey()));
        }
        State before = current(key, now);
        int failures = (before == null ? 0 : before.failures()) + 1;
        Instant lockedUntil = before == null ? null : before.lockedUntil();
        Duration lock = null;
        if (failures >= allowed) {
            lock = lockFor(failures - allowed);
            lockedUntil = now.plus(lock);
        }
        states.put(key, new State(failures, now, lockedUntil));
        if (lock != null) {
            audit.recordFrom(user, ConsoleAudit.LOGIN_LOCKED, what + " " + ("address".equals(what) ? address : user) + " after " + failures
                    + " failed sign-ins", address, "locked for " + lock.toMinutes() + " min until " + lockedUntil);
        }
    }

    /** {@link #FIRST_LOCK} doubled {@code beyond} times, at most {@link #LONGEST_LOCK}. */
    static Duration lockFor(int beyond) {
        Duration lock = FIRST_LOCK;
        for (int i = 0; i < beyond && lock.compareTo(LONGEST_LOCK) < 0; i++) {
            lock = lock.multipliedBy(2);
        }
        return lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock;
    }

    @EventListener
    public void succeeded(AuthenticationSuccessEvent event) {
        states.remove(userKey(event.getAuthentication().getName()));
        String address = address(event.getAuthentication());
        if (address != null) {
            states.remove(addressKey(address));
        }
    }

    private static String address(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
    }

    /**
     * Goes before Spring Security's form login on {@code POST /console/login}: a locked user name or address is
     * answered with the login page's "locked" message, the password unchecked. Not a bean (it would be registered
     * for every path): the console's filter chain adds it.
     */
    OncePerRequestFilter filter() {
        return new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return !"POST".equals(request.getMethod())
                        || !(request.getContextPath() + "/console/login").equals(request.getRequestURI());
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String user = request.getParameter("username");
                Optional<Instant> until = lockedUntil(user, request.getRemoteAddr());
                if (until.isPresent()) {
                    audit.recordFrom(user, ConsoleAudit.LOGIN_THROTTLED, null, request.getRemoteAddr(),
                            "refused unchecked: locked until " + until.get());
                    response.sendRedirect(request.getContextPath() + "/console/login?locked");
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }
}
