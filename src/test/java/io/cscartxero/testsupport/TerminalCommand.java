package io.cscartxero.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CLI command running in the "terminal" (a thread of {@code terminal}) while the test acts as the user's browser:
 * what it has printed so far, the consent URL {@code connect} prints, and its exit code.
 */
public final class TerminalCommand {

    /** The address of the sandbox's consent screen as {@code connect} prints it. */
    public static final Pattern AUTHORIZE_URL = Pattern.compile("(http://localhost:\\d+/identity/connect/authorize\\?\\S+)");

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Future<Integer> exit;

    public TerminalCommand(ExecutorService terminal, ConnectorHarness harness, String... command) {
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        exit = terminal.submit(() -> harness.cli(out, command));
    }

    public String out() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    public boolean ended() {
        return exit.isDone();
    }

    /** Waits (polling what was printed) until the consent URL appears; fails if the command ends first or never prints it. */
    public String awaitAuthorizeUrl(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = AUTHORIZE_URL.matcher(out());
            if (m.find()) {
                return m.group(1);
            }
            if (exit.isDone()) {
                throw new AssertionError("the command ended without printing the consent URL:\n" + out());
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no consent URL printed:\n" + out());
    }

    public int awaitExit(Duration timeout) throws Exception {
        return exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
