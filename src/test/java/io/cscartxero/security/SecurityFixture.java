package io.cscartxero.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import io.cscartxero.CsCartXeroApplication;

/** What the security tests look at the way an attacker on the machine would: sockets, file modes, the defaults. */
final class SecurityFixture {

    private SecurityFixture() {
    }

    /** application.properties' connector database URL, its {@code ./data/} moved into {@code dataDir}. */
    static String defaultConnectorUrl(Path dataDir) {
        Properties defaults = new Properties();
        try (InputStream in = CsCartXeroApplication.class.getResourceAsStream("/application.properties")) {
            defaults.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String url = defaults.getProperty("spring.datasource.url");
        if (!url.contains("./data/")) {
            throw new IllegalStateException("the default connector database is not under ./data: " + url);
        }
        return url.replace("./data/", dataDir.toAbsolutePath() + "/");
    }

    /** A listening TCP socket: its local address and port. */
    record Listening(InetAddress address, int port) {
        boolean loopback() {
            return address.isLoopbackAddress() || isV4MappedLoopback();
        }

        private boolean isV4MappedLoopback() {
            byte[] a = address.getAddress();
            return a.length == 16 && a[10] == (byte) 0xff && a[11] == (byte) 0xff && a[12] == 127;
        }

        @Override
        public String toString() {
            return address.getHostAddress() + ":" + port;
        }
    }

    /**
     * Every TCP socket this JVM listens on: /proc/net/tcp and tcp6 rows in state 0A (LISTEN) whose inode is one of
     * this process's file descriptors (/proc/self/fd → socket:[inode]).
     */
    static List<Listening> listeningSocketsOfThisProcess() throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException gone) {
                    // a descriptor closed meanwhile
                }
            }
        }
        Map<String, Listening> byInode = new HashMap<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (!"0A".equals(f[3])) {
                    continue;
                }
                String[] local = f[1].split(":");
                byInode.put(f[9], new Listening(address(local[0]), Integer.parseInt(local[1], 16)));
            }
        }
        List<Listening> mine = new ArrayList<>();
        byInode.forEach((inode, socket) -> {
            if (inodes.contains(inode)) {
                mine.add(socket);
            }
        });
        return mine;
    }

    /** /proc/net/tcp addresses: 32-bit words in host (little-endian) order. */
    private static InetAddress address(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                int i = word * 4 + b;
                int from = word * 8 + (3 - b) * 2;
                bytes[i] = (byte) Integer.parseInt(hex.substring(from, from + 2), 16);
            }
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(new BigInteger(hex, 16).toString(), e);
        }
    }

    /** Every file or directory under {@code root} (itself included) that anyone but its owner may read, write or enter. */
    static List<String> notPrivate(Path root) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (Files.isSymbolicLink(p)) {
                    continue;
                }
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
                if (mode.stream().anyMatch(m -> m.name().startsWith("GROUP") || m.name().startsWith("OTHERS"))) {
                    found.add(root.relativize(p) + " " + PosixFilePermissions.toString(mode));
                }
            }
        }
        return found;
    }

    static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    /** The connector in its own JVM (the test classpath), with these arguments; its output goes to {@code log}. */
    static Process launch(Path log, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                CsCartXeroApplication.class.getName()));
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
