package io.cscartxero.ops;

import java.util.concurrent.Callable;

import org.springframework.dao.PessimisticLockingFailureException;

/**
 * MySQL/MariaDB may pick one of two transactions that take job leases or create job instances side by side (tenants,
 * several processes) as a deadlock victim. Nothing of the victim was committed, so it is simply run again: up to
 * {@link #ATTEMPTS} times, pausing a little longer each time.
 */
final class DeadlockRetry {

    static final int ATTEMPTS = 5;

    private DeadlockRetry() {
    }

    static <T> T call(Callable<T> work, long pauseMillis) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.call();
            } catch (PessimisticLockingFailureException deadlock) {
                if (attempt == ATTEMPTS) {
                    throw deadlock;
                }
                Thread.sleep(pauseMillis * attempt);
            }
        }
    }
}
