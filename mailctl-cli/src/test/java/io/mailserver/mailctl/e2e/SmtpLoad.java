package io.mailserver.mailctl.e2e;

import io.mailserver.testkit.client.LineClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sender that keeps delivering numbered messages over the MX port, each attempt once, and
 * remembers which ones were acknowledged with 250: those must be stored exactly once whatever
 * happens to the services meanwhile. An attempt that fails (a refused connection, a 4xx, a dropped
 * line) is not retried, so no message can legitimately be stored twice.
 */
final class SmtpLoad {

    static final String SUBJECT = "load ";

    private final int port;
    private final String recipient;
    private final List<String> acknowledged = new ArrayList<>();
    private final AtomicInteger attempts = new AtomicInteger();
    /** Counted down by {@link #stop()}; the loop paces itself by waiting on it, so a stop is heard at once. */
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Thread thread;

    SmtpLoad(int port, String recipient) {
        this.port = port;
        this.recipient = recipient;
    }

    void start() {
        thread = new Thread(this::run, "smtp-load");
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

    synchronized List<String> acknowledged() {
        return List.copyOf(acknowledged);
    }

    private void run() {
        while (stopped.getCount() > 0) {
            String subject = SUBJECT + attempts.incrementAndGet();
            try (LineClient c = LineClient.connect("127.0.0.1", port)) {
                c.expect("220 ");
                c.send("EHLO load.test").readUntil("250 ");
                c.send("MAIL FROM:<load@elsewhere.test>").expect("250");
                c.send("RCPT TO:<" + recipient + ">").expect("250");
                c.send("DATA").expect("354");
                c.sendRaw("Subject: " + subject + "\r\n\r\nnumbered message\r\n.\r\n");
                String reply = c.readLine();
                if (reply != null && reply.startsWith("250 ")) {
                    synchronized (this) {
                        acknowledged.add(subject);
                    }
                }
                c.send("QUIT");
            } catch (RuntimeException | AssertionError e) {
                // the service was killed, restarting, or answered 4xx: not acknowledged, not retried
                pace(200);
            }
        }
    }
}
