package io.cscartxero.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A port for a server that is started later by code the test does not control (e.g. {@code connect}'s callback,
 * whose port is part of the configured redirect URI). {@code new ServerSocket(0)} would pick one from the kernel's
 * ephemeral range, where, once released, the kernel may hand it to any other socket (an outgoing connection, another
 * test's server) before ours binds it. A port below that range is never handed out by the kernel: the only way to
 * lose it is a process binding that very number on purpose.
 */
public final class FreePorts {

    private FreePorts() {
    }

    /** A port that is free now and lies outside the kernel's ephemeral range. */
    public static int outsideEphemeralRange() {
        int below = ephemeralRangeStart();
        int low = Math.min(10_000, below / 2);
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(low, below);
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port between " + low + " and " + below);
    }

    /** The first ephemeral port (Linux: net.ipv4.ip_local_port_range; elsewhere IANA's 49152). */
    static int ephemeralRangeStart() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).strip();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 49_152;
        }
    }
}
