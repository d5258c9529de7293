package io.mailserver.mailctl.e2e;

import io.mailserver.testkit.client.LineClient;
import io.mailserver.testkit.client.TlsTrust;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/** A reader that keeps logging in over IMAPS and fetching the INBOX's flags; failures only pause it. */
final class ImapReadLoad {

    private final int port;
    private final SSLContext trust;
    private final String user;
    private final String password;
    private final AtomicInteger successes = new AtomicInteger();
    /** Counted down by {@link #stop()}; the loop paces itself by waiting on it, so a stop is heard at once. */
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Thread thread;

    ImapReadLoad(int port, Path certificate, String user, String password) {
        this.port = port;
        this.trust = TlsTrust.trusting(certificate);
        this.user = user;
        this.password = password;
    }

    void start() {
        thread = new Thread(this::run, "imap-read-load");
        thread.start();
    }

    void stop() throws InterruptedException {
        stopped.countDown();
        thread.join(60_000);
    }

    /** Waits {@code millis} unless stopped first; true while the load should go on. */
    private boolean pace(long millis) {
        try {
            return !stopped.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    int successes() {
        return successes.get();
    }

    private void run() {
        while (stopped.getCount() > 0) {
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
            if (!pace(300)) {
                return;
            }
        }
    }
}
