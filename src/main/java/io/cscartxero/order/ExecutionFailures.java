package io.cscartxero.order;

import java.util.concurrent.ExecutionException;

/** A task's failure, seen from the thread that waited for it, as if the task had run there. */
final class ExecutionFailures {

    private ExecutionFailures() {
    }

    /**
     * The task's own unchecked exception, to throw; its {@link Error} is thrown here; any other cause comes wrapped in
     * an {@link IllegalStateException}.
     */
    static RuntimeException unchecked(ExecutionException e) {
        if (e.getCause() instanceof Error err) {
            throw err;
        }
        if (e.getCause() instanceof RuntimeException r) {
            return r;
        }
        return new IllegalStateException(e.getCause());
    }
}
