package io.mailserver.smtp.command;

import java.util.Optional;

/**
 * One parsed command line. Every record is immutable and carries only what the client sent, already
 * checked for syntax; whether the command is allowed now, and what it does, is decided by the
 * handlers.
 */
public sealed interface SmtpCommand {

    /** The verb as RFC 5321 names it (upper case); {@code Unknown} keeps what the client sent. */
    String verb();

    /** RFC 5321 §4.1.1.1; {@code domain} is the client's name for itself (domain or address literal). */
    record Ehlo(String domain) implements SmtpCommand {
        @Override
        public String verb() {
            return "EHLO";
        }
    }

    /** RFC 5321 §4.1.1.1, the pre-ESMTP greeting. */
    record Helo(String domain) implements SmtpCommand {
        @Override
        public String verb() {
            return "HELO";
        }
    }

    /**
     * RFC 5321 §4.1.1.2.
     *
     * @param sender the reverse-path mailbox, empty for the null sender {@code <>}
     */
    record Mail(Optional<MailAddress> sender, MailParameters parameters) implements SmtpCommand {
        @Override
        public String verb() {
            return "MAIL";
        }
    }

    /** RFC 5321 §4.1.1.3, with the DSN parameters (RFC 3461). */
    record Rcpt(MailAddress recipient, RcptParameters parameters) implements SmtpCommand {

        public Rcpt(MailAddress recipient) {
            this(recipient, RcptParameters.NONE);
        }

        @Override
        public String verb() {
            return "RCPT";
        }
    }

    /** RFC 5321 §4.1.1.4. */
    record Data() implements SmtpCommand {
        @Override
        public String verb() {
            return "DATA";
        }
    }

    /**
     * RFC 3030 §2: {@code BDAT chunk-size [LAST]}. Exactly {@code size} octets of message content
     * follow the command line, whatever the reply will be.
     */
    record Bdat(long size, boolean last) implements SmtpCommand {
        @Override
        public String verb() {
            return "BDAT";
        }
    }

    /** RFC 5321 §4.1.1.5. */
    record Rset() implements SmtpCommand {
        @Override
        public String verb() {
            return "RSET";
        }
    }

    /** RFC 5321 §4.1.1.9; the argument has no meaning and is ignored. */
    record Noop() implements SmtpCommand {
        @Override
        public String verb() {
            return "NOOP";
        }
    }

    /** RFC 5321 §4.1.1.10. */
    record Quit() implements SmtpCommand {
        @Override
        public String verb() {
            return "QUIT";
        }
    }

    /** RFC 5321 §4.1.1.6; the argument is a user name or mailbox, free text to us. */
    record Vrfy(String argument) implements SmtpCommand {
        @Override
        public String verb() {
            return "VRFY";
        }
    }

    /** RFC 5321 §4.1.1.8; the topic may be empty. */
    record Help(String topic) implements SmtpCommand {
        @Override
        public String verb() {
            return "HELP";
        }
    }

    /** RFC 3207 §4. */
    record StartTls() implements SmtpCommand {
        @Override
        public String verb() {
            return "STARTTLS";
        }
    }

    /**
     * RFC 4954 §4. The initial response may carry credentials, so it never appears in
     * {@link #toString()} (and therefore never in a log).
     */
    record Auth(String mechanism, Optional<String> initialResponse) implements SmtpCommand {
        @Override
        public String verb() {
            return "AUTH";
        }

        @Override
        public String toString() {
            return "Auth[mechanism=" + mechanism + ", initialResponse=" + (initialResponse.isPresent() ? "<hidden>" : "none") + "]";
        }
    }

    /** A verb this server does not know (answered 500 5.5.2). */
    record Unknown(String verb) implements SmtpCommand {
    }

    /**
     * A known verb whose arguments are wrong.
     *
     * @param verb    the verb, upper case
     * @param problem which rule was broken, deciding the reply code
     * @param detail  a short human-readable explanation, safe to echo
     */
    record Malformed(String verb, Problem problem, String detail) implements SmtpCommand {
    }

    /** The kinds of syntax errors, each with its own reply (RFC 5321 §4.2.2, RFC 3463). */
    enum Problem {
        /** Wrong argument syntax: 501 5.5.4. */
        SYNTAX,
        /** A reverse-path that is not a valid mailbox: 501 5.1.7. */
        BAD_SENDER,
        /** A forward-path that is not a valid mailbox: 501 5.1.3. */
        BAD_RECIPIENT,
        /** An ESMTP parameter this server does not support: 555 5.5.4 (RFC 5321 §4.1.1.11). */
        UNSUPPORTED_PARAMETER,
        /** A bare CR or LF inside a command line (RFC 5321 §2.3.8): 500 5.5.2. */
        BARE_LINE_BREAK,
        /**
         * A BDAT whose size cannot be read: the octets the client sends next cannot be told from
         * commands, so the reply is 501 5.5.4 and the connection closes.
         */
        UNFRAMED_CHUNK
    }
}
