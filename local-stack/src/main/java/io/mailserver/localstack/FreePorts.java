package io.mailserver.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Free TCP ports on the loopback interface, for tests that must not collide with anything else. */
public final class FreePorts {

    /**
     * Every port this JVM has handed out. A system's ports are all chosen before any of its
     * processes binds them, and the kernel may give the same port to two bind(0) calls once the
     * first socket is closed: CI once saw auth-service's HTTP port equal Kafka's. A port is
     * therefore handed out at most once per JVM.
     */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    /**
     * Below Linux's ephemeral range (32768-60999), so that an outgoing connection made between
     * choosing a port and binding it cannot take it as its source port; above the fixed ports of
     * {@link Ports#local()}.
     */
    private static final int LOWEST = 20_000;
    private static final int HIGHEST = 32_767;
    private static final int ATTEMPTS = 1_000;

    private FreePorts() {
    }

    public static int find() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST + 1);
            if (bindable(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port left that was not handed out before");
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
