package io.mailserver.imap.config;

import io.mailserver.protocol.tls.CleartextAuth;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Everything imap-service reads from configuration, under the prefix {@code mail}. */
@ConfigMapping(prefix = "mail")
public interface ImapConfig {

    /** The name the server greets with; also the name its certificate should be issued for. */
    @WithDefault("localhost")
    String hostname();

    /** The IMAP listeners, their limits and timeouts. */
    Imap imap();

    /** The certificate and key for STARTTLS and the implicit-TLS port. */
    Tls tls();

    interface Imap {

        /** Address the listeners bind to. */
        @WithDefault("0.0.0.0")
        String host();

        /** Plain port; offers STARTTLS when a certificate is configured (RFC 9051 §6.2.1). */
        @WithDefault("143")
        int port();

        /** Implicit-TLS port (RFC 8314); not opened when no certificate is configured. */
        @WithDefault("993")
        int tlsPort();

        /**
         * When LOGIN and AUTHENTICATE (which carry the password in the clear) are accepted on a
         * connection without TLS: {@code never} (the default), {@code loopback} (also from a loopback
         * address: development only) or {@code always}. Where refused, the plain port advertises
         * LOGINDISABLED and no AUTH= mechanism until STARTTLS, and answers NO [PRIVACYREQUIRED]
         * (RFC 9051 §6.2.3, §7.1).
         */
        @WithDefault("never")
        CleartextAuth cleartextAuth();

        /** Event-loop instances per listener; 0 means one per available processor. */
        @WithDefault("0")
        int instances();

        /** Bounds on what one client may make the server hold. */
        Limits limits();

        /** When a new login waits for the commands of sessions already in: see {@code LoginAdmission}. */
        Admission loginAdmission();

        /** How long the server waits for clients and peers. */
        Timeouts timeouts();
    }

    interface Limits {

        /**
         * Longest command line (without CRLF) before authentication: room for the largest ID a client
         * may send (RFC 2971: 30 fields of up to 1024 octets), little enough that a crowd of
         * unauthenticated connections costs little.
         */
        @WithDefault("32768")
        int lineLengthBeforeAuth();

        /** Longest command line (without CRLF) after authentication. */
        @WithDefault("65536")
        int lineLengthAfterAuth();

        /** Largest literal before authentication (a LOGIN password sent as a literal). */
        @WithDefault("1024")
        long literalSizeBeforeAuth();

        /** Largest literal after authentication; literals of the current commands are held in memory. */
        @WithDefault("1048576")
        long literalSizeAfterAuth();

        /**
         * Largest message APPEND takes, advertised as {@code APPENDLIMIT} (RFC 7889); a bigger one is
         * refused before it is sent ({@code NO [TOOBIG]}). The message is streamed on to storage as it
         * arrives, never held whole here; keep it at most storage's {@code mail.storage.message.max-size}.
         */
        @WithDefault("52428800")
        long appendSize();

        /** Commands one connection may send before it is closed; 0 means no limit. */
        @WithDefault("0")
        long commandsPerConnection();

        /** Simultaneous connections from one remote address. */
        @WithDefault("50")
        int connectionsPerAddress();

        /** Consecutive BAD responses before authentication after which the connection is closed. */
        @WithDefault("3")
        int badCommandsBeforeAuth();

        /**
         * Authenticated connections one account may hold on this instance; a login beyond it gets
         * {@code NO [LIMIT]}. Enough for several devices with a few connections each.
         */
        @WithDefault("30")
        int connectionsPerAccount();
    }

    interface Admission {

        /**
         * Commands of logged-in sessions (IDLE not counted) this instance runs at once before a new
         * LOGIN or AUTHENTICATE waits for one to end; 0 means one per two available processors, at
         * least 1 (measured on two cores with everything on them: bench/findings.md), a negative
         * number lets every login in at once. Raise it where storage and PostgreSQL run on other
         * machines.
         */
        @WithDefault("0")
        int busyCommands();

        /**
         * Longest a command counts as busy: one that runs longer waits on its client (a big FETCH to
         * a slow link), not on this server's cores.
         */
        @WithDefault("1s")
        Duration busyFor();

        /** Longest a login waits for admission before it goes ahead anyway. */
        @WithDefault("3s")
        Duration maxWait();
    }

    interface Timeouts {

        /** Idle time before authentication after which the connection is closed. */
        @WithDefault("60s")
        Duration idleBeforeAuth();

        /** Idle time after authentication (RFC 9051 §5.4 asks for at least 30 minutes). */
        @WithDefault("30m")
        Duration idleAfterAuth();

        /** Deadline of one unary call to auth-service or storage-service. */
        @WithDefault("10s")
        Duration peerCall();

        /**
         * Deadline of one APPEND's upload to storage-service, from the first octet of the message to
         * storage's answer: long enough for the largest message over a slow link.
         */
        @WithDefault("30m")
        Duration appendUpload();

        /**
         * How often a session in IDLE asks storage for changes even though no change event came: the
         * bound on how late IDLE learns of a change when the event stream (Kafka) lags or is away.
         * Events wake IDLE sessions at once otherwise.
         */
        @WithDefault("60s")
        Duration idlePoll();

        /**
         * After FETCH or SEARCH, storage is asked for other sessions' changes only when a change event
         * announced one, or when the last ask is older than this: the bound on how late such a
         * session learns of a change when events lag. NOOP, IDLE and writing commands always ask.
         */
        @WithDefault("5s")
        Duration changesCheck();

        /**
         * How often every account with sessions on this instance is checked with auth-service, to end
         * the sessions of one disabled or deleted while its event was not seen (Kafka away); events
         * end them within seconds otherwise. One call per account and period; 0 turns it off.
         */
        @WithDefault("5m")
        Duration accountRecheck();
    }

    interface Tls {

        /** PEM certificate chain, leaf first; without it there is no STARTTLS and no TLS port. */
        Optional<Path> certificate();

        /** PEM private key matching the certificate. */
        Optional<Path> privateKey();
    }
}
