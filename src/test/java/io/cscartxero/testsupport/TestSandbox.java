package io.cscartxero.testsupport;

import java.time.Duration;

import io.cscartxero.sandbox.SandboxSettings;
import io.cscartxero.sandbox.XeroSandbox;

/** The in-process Xero sandbox as tests start it: a free port, and Xero's limits unless a test is about them. */
public final class TestSandbox {

    private TestSandbox() {
    }

    /** Xero's own limits (60 calls a minute, 5 in flight, 5,000 a day, as SandboxSettings.defaults()) on a free port. */
    public static XeroSandbox withXeroLimits() {
        return XeroSandbox.start(SandboxSettings.defaults().withPort(0));
    }

    /** A minute limit no test reaches, for tests about something other than rate limits. */
    public static XeroSandbox generous() {
        return XeroSandbox.start(generousSettings());
    }

    public static SandboxSettings generousSettings() {
        return SandboxSettings.defaults().withPort(0).withMinuteLimit(10_000, Duration.ofMinutes(1));
    }
}
