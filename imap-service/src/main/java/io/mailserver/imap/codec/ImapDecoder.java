package io.mailserver.imap.codec;

import io.mailserver.protocol.io.InputBuffer;
import io.mailserver.protocol.io.LineRead;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Frames IMAP commands out of client input: a resumable state machine with no I/O. Each call to
 * {@link #decode} consumes what it can from the {@link InputBuffer} and answers need-more, a request
 * to send a literal continuation, a complete command, or a malformed one. Every byte is looked at
 * once: lines are lexed when complete, literal octets are copied as they arrive, nothing is parsed
 * again when more input comes.
 *
 * <p>Bounds (RFC 9051 §4.3 leaves them to the server): a line is at most {@code lineLimit} octets,
 * a literal at most {@code literalLimit}, one command at most their sum. The session raises both
 * after authentication. A synchronising literal is accepted (answered by {@link Decoded.ContinueLiteral})
 * only when the command so far has a valid tag and a known command name that takes strings, and the
 * size is within the limit; the full argument grammar is checked once the command is complete.
 */
public final class ImapDecoder {

    private static final int INITIAL_LITERAL_BUFFER = 4096;

    private int lineLimit;
    private long literalLimit;
    private long messageLimit;

    private final List<Token> tokens = new ArrayList<>();
    private boolean firstLine = true;
    private String tag;
    private String name;
    private long commandBytes;
    /** A problem already found in this command; the rest of it is skipped, then this is answered. */
    private Decoded.Malformed pending;
    /** Octets of the current literal still to read, or -1 when reading lines. */
    private long literalRemaining = -1;
    /** The current literal's octets; null while skipping a literal of a rejected command. */
    private Buffer literal;
    /** A synchronising literal was just refused: the next line must be a new command. */
    private boolean refusedLiteral;

    public ImapDecoder(int lineLimit, long literalLimit) {
        limits(lineLimit, literalLimit, literalLimit);
    }

    /**
     * Changes the limits; they apply from the next line or literal. {@code messageLimit} bounds a
     * message literal (APPEND), which is streamed, not held.
     */
    public void limits(int lineLimit, long literalLimit, long messageLimit) {
        this.lineLimit = lineLimit;
        this.literalLimit = literalLimit;
        this.messageLimit = messageLimit;
    }

    /**
     * The rest of a command whose answer is already decided is skipped: {@code literalOctets} still
     * to come of the literal being read (0 when none), then the rest of the command line, and any
     * further literal it announces without waiting for a continuation. What is skipped decodes to
     * {@link Decoded.Problem#DISCARDED}, which needs no answer.
     */
    public void skipRestOfCommand(long literalOctets) {
        reset();
        firstLine = false;
        pending = new Decoded.Malformed(null, Decoded.Problem.DISCARDED, "rest of an answered command");
        literalRemaining = literalOctets;
    }

    public int lineLimit() {
        return lineLimit;
    }

    /** True between commands (nothing of a next command read yet). */
    public boolean atCommandBoundary() {
        return firstLine && literalRemaining < 0;
    }

    public Decoded decode(InputBuffer in) {
        while (true) {
            if (literalRemaining >= 0) {
                if (literalRemaining > 0) {
                    if (in.readable() == 0) {
                        return Decoded.NeedMore.INSTANCE;
                    }
                    Buffer chunk = in.readBytes(literalRemaining);
                    literalRemaining -= chunk.length();
                    if (literal != null) {
                        literal.appendBuffer(chunk);
                    }
                    if (literalRemaining > 0) {
                        return Decoded.NeedMore.INSTANCE;
                    }
                }
                if (literal != null) {
                    tokens.add(new Token.Literal(literal));
                }
                literal = null;
                literalRemaining = -1;
                continue;
            }
            LineRead read = in.readLine(lineLimit);
            if (read instanceof LineRead.Line line) {
                Decoded result = line(line.content());
                if (result != null) {
                    return result;
                }
            } else if (read instanceof LineRead.TooLong) {
                String lostTag = tag;
                reset();
                return new Decoded.Malformed(lostTag, Decoded.Problem.LINE_TOO_LONG, "Command line too long");
            } else {
                return Decoded.NeedMore.INSTANCE;
            }
        }
    }

    /** Takes one complete line; null means keep decoding (a literal follows). */
    private Decoded line(Buffer line) {
        commandBytes += line.length() + 2;
        LineLexer.Result lexed = LineLexer.lex(line, tokens);
        if (firstLine) {
            firstLine = false;
            Decoded.Malformed header = readHeader();
            if (refusedLiteral) {
                refusedLiteral = false;
                if (header != null || lexed.failed()) {
                    reset();
                    return new Decoded.Malformed(null, Decoded.Problem.REFUSED_LITERAL_SENT,
                            "Literal data sent after it was refused");
                }
            }
            pending = header;
        }
        if (pending == null && lexed.failed()) {
            pending = new Decoded.Malformed(tag, Decoded.Problem.SYNTAX, lexed.error());
        }
        LineLexer.Result announced = lexed.failed() ? LineLexer.trailingLiteral(line) : lexed;
        if (!announced.announcesLiteral()) {
            return finish();
        }
        long size = announced.literalSize();
        boolean synchronizing = announced.synchronizing();
        if (pending == null && !CommandParser.takesLiterals(name)) {
            pending = new Decoded.Malformed(tag, Decoded.Problem.SYNTAX, "Literal not allowed in " + name);
        }
        boolean message = pending == null && CommandParser.streamsMessage(name) && !tokens.isEmpty();
        if (pending == null && announced.literal8() && !message) {
            // RFC 3516 §4.3: literal8 carries an APPEND's message and nothing else
            pending = new Decoded.Malformed(tag, Decoded.Problem.SYNTAX, "literal8 is only for a message to APPEND");
        }
        if (pending == null && message) {
            // the message of an APPEND (after its mailbox name): handed over unread, see MessageLiteral
            return messageLiteral(size, synchronizing, announced.literal8());
        }
        if (pending != null) {
            if (synchronizing) {
                // the client waits for a continuation it will not get: the command ends here
                return finish();
            }
            literalRemaining = size;
            literal = null;
            return null;
        }
        if (size > literalLimit || commandBytes + size > (long) lineLimit + literalLimit) {
            return tooBig(synchronizing);
        }
        commandBytes += size;
        literalRemaining = size;
        // Grown as octets arrive, not allocated at the announced size: announcing costs nothing, so a
        // client announcing big literals it never sends must not cost memory either.
        literal = Buffer.buffer((int) Math.min(size, INITIAL_LITERAL_BUFFER));
        return synchronizing ? Decoded.ContinueLiteral.INSTANCE : null;
    }

    private Decoded messageLiteral(long size, boolean synchronizing, boolean literal8) {
        if (size > messageLimit) {
            return tooBig(synchronizing);
        }
        Decoded command = new Decoded.Command(new RawCommand(tag, name, tokens,
                new MessageLiteral(size, synchronizing, literal8)));
        reset();
        return command;
    }

    private Decoded.Malformed tooBig(boolean synchronizing) {
        String refusedTag = tag;
        reset();
        if (synchronizing) {
            refusedLiteral = true;
            return new Decoded.Malformed(refusedTag, Decoded.Problem.LITERAL_TOO_BIG, "Literal too big");
        }
        return new Decoded.Malformed(refusedTag, Decoded.Problem.NON_SYNC_LITERAL_TOO_BIG, "Literal too big");
    }

    /** Reads tag and command name from the first tokens; a problem, or null when they are fine. */
    private Decoded.Malformed readHeader() {
        if (tokens.isEmpty()) {
            return new Decoded.Malformed(null, Decoded.Problem.SYNTAX, "Empty command line");
        }
        if (!(tokens.get(0) instanceof Token.Word first) || !validTag(first.text())) {
            return new Decoded.Malformed(null, Decoded.Problem.SYNTAX, "Invalid tag");
        }
        tag = first.text();
        if (tokens.size() < 2 || !(tokens.get(1) instanceof Token.Word second)) {
            return new Decoded.Malformed(tag, Decoded.Problem.SYNTAX, "Missing command");
        }
        name = second.text().toUpperCase(java.util.Locale.ROOT);
        tokens.subList(0, 2).clear();
        if (!CommandParser.knows(name)) {
            return new Decoded.Malformed(tag, Decoded.Problem.UNKNOWN_COMMAND, "Unknown command");
        }
        return null;
    }

    private Decoded finish() {
        Decoded result = pending != null ? pending : new Decoded.Command(new RawCommand(tag, name, tokens));
        reset();
        return result;
    }

    private void reset() {
        tokens.clear();
        firstLine = true;
        tag = null;
        name = null;
        pending = null;
        literal = null;
        literalRemaining = -1;
        commandBytes = 0;
    }

    /** RFC 9051 §9 {@code tag}: ASTRING-CHARs except "+". */
    static boolean validTag(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "(){%*\"\\+".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
