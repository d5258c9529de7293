package io.mailserver.imap.codec;

/** What {@link ImapDecoder#decode} found in the buffered input. */
public sealed interface Decoded permits Decoded.NeedMore, Decoded.ContinueLiteral, Decoded.Command, Decoded.Malformed {

    /** Nothing complete yet: wait for more input. */
    enum NeedMore implements Decoded {
        INSTANCE
    }

    /**
     * A synchronising literal was announced and accepted: send a continuation request
     * ({@code + ...}) and keep decoding when its octets arrive.
     */
    enum ContinueLiteral implements Decoded {
        INSTANCE
    }

    /** A complete command. */
    record Command(RawCommand command) implements Decoded {
    }

    /**
     * Input that cannot become a command.
     *
     * @param tag    the command's tag when one could be read, else null
     * @param detail text for the client (never contains client data beyond the tag)
     */
    record Malformed(String tag, Problem problem, String detail) implements Decoded {
    }

    enum Problem {
        /** Bad syntax: answer BAD. */
        SYNTAX,
        /** A command name this server does not know: answer BAD. */
        UNKNOWN_COMMAND,
        /** A line over the limit; its tag is lost with its bytes: answer BYE and close. */
        LINE_TOO_LONG,
        /** A synchronising literal over the limit: refuse it with NO [TOOBIG]; the client must not send it. */
        LITERAL_TOO_BIG,
        /** A non-synchronising literal over the limit is already on its way: answer BAD and close (RFC 7888 §4). */
        NON_SYNC_LITERAL_TOO_BIG,
        /** After a refused literal, the next line is not a command: the client sent the literal anyway; close. */
        REFUSED_LITERAL_SENT,
        /** The skipped rest of a command that was already answered: nothing to say. */
        DISCARDED
    }
}
