package io.cscartxero.proof;

import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Spring Boot's logging system keeps its state in JVM-wide system properties: an application context starting while
 * another one in the same JVM starts or closes can fail with "Unknown format 'CONSOLE_LOG_STRUCTURED_FORMAT_IS_UNDEFINED'".
 * Operators run one connector per process, so this only matters to tests that run scenarios side by side in one JVM:
 * they start and close contexts one at a time through this lock (the jobs themselves still run in parallel).
 */
final class Serially {

    private static final ReentrantLock LOCK = new ReentrantLock();

    private Serially() {
    }

    static <T> T call(Callable<T> action) {
        LOCK.lock();
        try {
            return action.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            LOCK.unlock();
        }
    }

    static void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }
}
