package io.mailserver.testkit.mta;

import io.mailserver.localstack.FreePorts;
import io.mailserver.localstack.pki.SelfSignedCertificate;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private Postfix instance (Debian's {@code postfix}, run as {@code postfix -c <dir> start-fg}) on a
 * free loopback port, with its own queue, its log in a file and STARTTLS on both sides. It accepts
 * mail for one domain into a Maildir ({@link #delivered()}) and relays everything else from loopback to
 * wherever {@link #relayTo} points. It never touches the system's {@code /etc/postfix} configuration
 * or port 25, so it runs beside an installed Postfix.
 */
public final class Postfix implements AutoCloseable {

    /** Debian's {@code postfix} account: queue owner, and owner of the delivered Maildir files. */
    private static final String MAIL_OWNER = "postfix";

    private final Path directory;
    private final int port;
    private final Process master;

    private Postfix(Path directory, int port, Process master) {
        this.directory = directory;
        this.port = port;
        this.master = master;
    }

    /**
     * Starts an instance in {@code directory} (created; its ancestors must be searchable by the
     * {@code postfix} account, so not under a mode-700 temporary directory) that takes mail for
     * {@code domain}; fails when Postfix is not installed.
     */
    public static Postfix start(Path directory, String domain) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/sbin/postfix"))) {
            throw new IllegalStateException("Postfix is not installed (apt-get install postfix, 'No configuration')");
        }
        Path etc = Files.createDirectories(directory.resolve("etc"));
        Files.createDirectories(directory.resolve("queue"));
        Path data = Files.createDirectories(directory.resolve("data"));
        Path mail = Files.createDirectories(directory.resolve("mail"));
        // the daemons drop to the postfix account and must be able to reach what is theirs
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        run("chown", MAIL_OWNER + ":" + MAIL_OWNER, data.toString(), mail.toString());
        SelfSignedCertificate tls = SelfSignedCertificate.ensure(directory.resolve("tls"), "mta." + domain);
        int port = FreePorts.find();
        Files.writeString(etc.resolve("main.cf"), String.join("\n",
                "compatibility_level = 3.6",
                "config_directory = " + etc,
                "queue_directory = " + directory.resolve("queue"),
                "data_directory = " + data,
                "mail_owner = " + MAIL_OWNER,
                "setgid_group = postdrop",
                "inet_interfaces = 127.0.0.1",
                "inet_protocols = ipv4",
                "myhostname = mta." + domain,
                "mydomain = " + domain,
                "mydestination =",
                "mynetworks = 127.0.0.0/8",
                "smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination",
                "virtual_mailbox_domains = " + domain,
                "virtual_mailbox_base = " + mail,
                // every recipient of the domain files into one Maildir: tests tell messages apart by content
                "virtual_mailbox_maps = static:inbox/",
                "virtual_uid_maps = static:" + id("-u"),
                "virtual_gid_maps = static:" + id("-g"),
                "alias_maps =",
                "alias_database =",
                "biff = no",
                "maillog_file = " + directory.resolve("postfix.log"),
                "maillog_file_prefixes = " + directory,
                "smtpd_tls_security_level = may",
                "smtpd_tls_chain_files = " + tls.privateKey() + ", " + tls.certificate(),
                "smtpd_tls_loglevel = 1",
                "smtp_tls_security_level = may",
                "smtp_tls_loglevel = 1",
                // retry soon in tests: a refused first attempt must not hold the test for Postfix's default minutes
                "minimal_backoff_time = 2s",
                "maximal_backoff_time = 4s",
                "queue_run_delay = 2s",
                ""));
        // the services an instance needs, none chrooted (the queue is not a prepared chroot)
        Files.writeString(etc.resolve("master.cf"), String.join("\n",
                "127.0.0.1:" + port + " inet n - n - - smtpd",
                "pickup    unix  n - n 60 1 pickup",
                "cleanup   unix  n - n - 0 cleanup",
                "qmgr      unix  n - n 300 1 qmgr",
                "tlsmgr    unix  - - n 1000? 1 tlsmgr",
                "rewrite   unix  - - n - - trivial-rewrite",
                "bounce    unix  - - n - 0 bounce",
                "defer     unix  - - n - 0 bounce",
                "trace     unix  - - n - 0 bounce",
                "verify    unix  - - n - 1 verify",
                "flush     unix  n - n 1000? 0 flush",
                "proxymap  unix  - - n - - proxymap",
                "smtp      unix  - - n - - smtp",
                "relay     unix  - - n - - smtp",
                "showq     unix  n - n - - showq",
                "error     unix  - - n - - error",
                "retry     unix  - - n - - error",
                "discard   unix  - - n - - discard",
                "virtual   unix  - n n - - virtual",
                "anvil     unix  - - n - 1 anvil",
                "scache    unix  - - n - 1 scache",
                "postlog   unix-dgram n - n - 1 postlogd",
                ""));
        run("postfix", "-c", etc.toString(), "check");
        Process master = new ProcessBuilder("postfix", "-c", etc.toString(), "start-fg")
                .redirectErrorStream(true).redirectOutput(directory.resolve("master.out").toFile()).start();
        Postfix postfix = new Postfix(directory, port, master);
        postfix.awaitListening();
        return postfix;
    }

    /**
     * The instance {@link #start} made in {@code directory}, for a test that did not start it (a
     * Quarkus test resource starts it, the test class uses it); {@link #close} is the starter's.
     */
    public static Postfix at(Path directory, int port) {
        return new Postfix(directory, port, null);
    }

    /** The SMTP port (smtpd, on 127.0.0.1). */
    public int port() {
        return port;
    }

    /** Sends all mail not for its own domain to {@code host:port} (Postfix's relayhost), from now on. */
    public void relayTo(String host, int port) throws IOException, InterruptedException {
        run("postconf", "-c", directory.resolve("etc").toString(), "-e", "relayhost = [" + host + "]:" + port);
        run("postfix", "-c", directory.resolve("etc").toString(), "reload");
    }

    /** Its log so far: one line per event, Postfix's own format ({@code status=sent}, {@code relay=}, ...). */
    public String log() throws IOException {
        Path log = directory.resolve("postfix.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** The raw messages delivered to its domain so far, oldest first by file name. */
    public List<String> delivered() throws IOException {
        Path inbox = directory.resolve("mail").resolve("inbox").resolve("new");
        if (!Files.isDirectory(inbox)) {
            return List.of();
        }
        List<String> messages = new ArrayList<>();
        try (Stream<Path> files = Files.list(inbox).sorted()) {
            for (Path file : (Iterable<Path>) files::iterator) {
                messages.add(Files.readString(file, StandardCharsets.ISO_8859_1));
            }
        }
        return messages;
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!master.isAlive()) {
                throw new IllegalStateException("Postfix exited: " + Files.readString(directory.resolve("master.out")) + log());
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException notYet) {
                master.waitFor(100, TimeUnit.MILLISECONDS);
            }
        }
        close();
        throw new IllegalStateException("Postfix did not listen on " + port + " within 30 s: " + log());
    }

    private static String id(String which) throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", which, MAIL_OWNER).redirectErrorStream(true).start();
        String out = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!id.waitFor(10, TimeUnit.SECONDS) || id.exitValue() != 0) {
            throw new IllegalStateException("id " + which + " " + MAIL_OWNER + ": " + out);
        }
        return out;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    @Override
    public void close() {
        if (master == null) {
            return;
        }
        try {
            run("postfix", "-c", directory.resolve("etc").toString(), "stop");
        } catch (Exception stopped) {
            // already down: the master is reaped below either way
        }
        try {
            if (!master.waitFor(20, TimeUnit.SECONDS)) {
                master.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            master.destroyForcibly();
        }
    }
}
