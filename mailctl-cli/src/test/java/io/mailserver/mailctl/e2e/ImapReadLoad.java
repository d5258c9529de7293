package io.mailserver.mailctl.e2e;

import io.mailserver.testkit.client.LineClient;
import io.mailserver.testkit.client.TlsTrust;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/** A reader that keeps logging in over IMAPS and fetching the INBOX's flags; failures only pause it. */
final class ImapReadLoad {

    private final int port;
    private final SSLContext trust;
    private final String user;
    private final String password;
    private final AtomicInteger successes = new AtomicInteger();
    private volatile boolean running;
    private Thread thread;

    ImapReadLoad(int port, Path certificate, String user, String password) {
        this.port = port;
        this.trust = TlsTrust.trusting(certificate);
        this.user = user;
        this.password = password;
    }

    void start() {
        running = true;
        thread = new Thread(this::run, "imap-read-load");
        thread.start();
    }

    void stop() throws InterruptedException {
        running = false;
        thread.join(60_000);
    }

    int successes() {
        return successes.get();
    }

    private void run() {
        while (running) {
            try (LineClient c = LineClient.connectTls("127.0.0.1", port, trust)) {
                c.expect("* OK");
                c.send("r1 LOGIN \"" + user + "\" \"" + password + "\"").readUntil("r1 OK");
                c.send("r2 SELECT INBOX").readUntil("r2 OK");
                c.send("r3 FETCH 1:* (UID FLAGS)").readUntil("r3 OK");
                c.send("r4 LOGOUT").readUntil("r4 OK");
                successes.incrementAndGet();
            } catch (RuntimeException | AssertionError e) {
                // a peer of imap-service, or imap-service itself, is restarting
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
