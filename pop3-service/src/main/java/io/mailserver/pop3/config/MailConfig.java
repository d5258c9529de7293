package io.mailserver.pop3.config;

import io.mailserver.protocol.tls.CleartextAuth;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Configuration of pop3-service ({@code mail.*}). */
@ConfigMapping(prefix = "mail")
public interface MailConfig {

    /** The name the server greets with ({@code +OK <hostname> POP3 ready}) and signs off with. */
    @WithDefault("localhost")
    String hostname();

    /** The POP3 listeners and their limits. */
    Pop3 pop3();

    /** Server certificate and key; without both, there is no STLS and no implicit-TLS listener. */
    Tls tls();

    interface Pop3 {

        /** Address both listeners bind to. */
        @WithDefault("0.0.0.0")
        String host();

        /** Plain POP3 port, upgraded with STLS when TLS is configured (RFC 1939, RFC 2595). */
        @WithDefault("110")
        int port();

        /** Implicit-TLS POP3 port (RFC 8314 §3.3); only bound when TLS is configured. */
        @WithDefault("995")
        int tlsPort();

        /**
         * When USER/PASS and AUTH PLAIN (which carry the password in the clear) are accepted on a
         * connection without TLS: {@code never} (the default), {@code loopback} (also from a loopback
         * address: development only) or {@code always}. Where refused, they are answered
         * {@code -ERR [AUTH]} until STLS (RFC 2595 §2.2, RFC 3206) and left out of CAPA.
         */
        @WithDefault("never")
        CleartextAuth cleartextAuth();

        /**
         * Vert.x TCP servers per listener; connections are spread over their event loops.
         * 0 means one per available processor.
         */
        @WithDefault("0")
        int instances();

        /** Timeouts of a session. */
        Timeouts timeouts();

        /** Bounds on what one client can make this server hold or do. */
        Limits limits();
    }

    interface Timeouts {

        /**
         * A connection with no traffic for this long is closed without entering the UPDATE state
         * (RFC 1939 §3 asks for at least 10 minutes).
         */
        @WithDefault("10m")
        Duration idle();

        /** Deadline of each call to auth-service or storage-service that is not a message stream. */
        @WithDefault("15s")
        Duration peerCall();

        /** Pause before answering a refused login, to slow down password guessing. */
        @WithDefault("1s")
        Duration authFailureDelay();

        /**
         * How often every account with sessions on this instance is checked with auth-service, to end
         * the sessions of one disabled or deleted while its event was not seen (Kafka away); events
         * end them within seconds otherwise. One call per account and period; 0 turns it off.
         */
        @WithDefault("5m")
        Duration accountRecheck();
    }

    interface Limits {

        /**
         * Longest command line in octets, CRLF excluded. RFC 2449 §4 caps commands at 255 octets;
         * the margin helps clients that send long user names.
         */
        @WithDefault("512")
        int commandLine();

        /** Longest SASL response line in octets (RFC 5034 §4), CRLF excluded. */
        @WithDefault("4096")
        int authLine();

        /**
         * Received bytes held while earlier commands execute; reading from the socket pauses above
         * this (PIPELINING, RFC 2449 §6.6, without unbounded buffering).
         */
        @WithDefault("65536")
        int pipelinedInput();

        /** Open connections allowed from one IP address. */
        @WithDefault("20")
        int connectionsPerAddress();

        /** Failed logins after which the connection is closed. */
        @WithDefault("3")
        int authFailures();

        /** Unknown or malformed commands after which the connection is closed. */
        @WithDefault("20")
        int badCommands();
    }

    interface Tls {

        /** PEM certificate chain, leaf first. */
        Optional<Path> certificate();

        /** PEM private key (PKCS#8 or PKCS#1). */
        Optional<Path> privateKey();
    }
}
