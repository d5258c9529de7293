package io.mailserver.smtp.session;

import io.mailserver.smtp.command.MailAddress;
import io.mailserver.smtp.command.MailParameters;
import io.mailserver.smtp.reply.SmtpReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where an SMTP session stands (RFC 5321 §4.1.4), with the data each state carries. Transitions are
 * pure: every method returns a new state and changes nothing.
 *
 * <pre>
 *                           AUTH (334) / response
 *                           +------------------+
 *                           v                  |
 *                    Authenticating ---> (235, 535, 501)
 *                                              |
 * Connected --EHLO/HELO--> Greeted &lt;--------------+
 *     ^                      ^  ^ --MAIL--> MailTransaction --RCPT--> MailTransaction
 *     |                      |  +------RSET--------+                       |
 *  STARTTLS                  |                                           DATA (354)
 *  (from any state           +---final reply (250/4xx/552)------- ReceivingData
 *   but ReceivingData)
 * </pre>
 *
 * <p>A {@link Login} is kept through EHLO, RSET and every transaction; only STARTTLS (which starts the
 * session over) and the end of the connection drop it.
 */
public sealed interface SmtpState {

    /** How the bytes after the current reply are read. */
    InputMode inputMode();

    /** A greeting (EHLO/HELO) resets any transaction (RFC 5321 §4.1.4). */
    default SmtpState greet(Greeting greeting) {
        return new Greeted(greeting, login());
    }

    /**
     * RSET: drops the transaction, keeps the greeting (RFC 5321 §4.1.1.5). Without a greeting there
     * is nothing to reset.
     */
    default SmtpState reset() {
        return greeting().<SmtpState>map(hello -> new Greeted(hello, login())).orElse(this);
    }

    /**
     * After STARTTLS the session starts over as if just connected, except for the 220 greeting
     * (RFC 3207 §4.2): the client must send EHLO again.
     */
    default SmtpState afterTls() {
        return new Connected();
    }

    /** The client's EHLO/HELO, when it has sent one. */
    Optional<Greeting> greeting();

    /** Who the client authenticated as, when it did. */
    default Optional<Login> login() {
        return Optional.empty();
    }

    /** After the 220 greeting, before EHLO/HELO. */
    record Connected() implements SmtpState {
        @Override
        public InputMode inputMode() {
            return InputMode.COMMAND;
        }

        @Override
        public Optional<Greeting> greeting() {
            return Optional.empty();
        }
    }

    /** Greeted, no transaction. */
    record Greeted(Greeting hello, Optional<Login> login) implements SmtpState {

        public Greeted(Greeting hello) {
            this(hello, Optional.empty());
        }

        @Override
        public InputMode inputMode() {
            return InputMode.COMMAND;
        }

        @Override
        public Optional<Greeting> greeting() {
            return Optional.of(hello);
        }

        /** MAIL was accepted: a transaction starts with no recipients. */
        public MailTransaction startTransaction(String id, Optional<MailAddress> sender, MailParameters parameters) {
            return new MailTransaction(hello, login, id, sender, parameters, List.of(), false, Long.MAX_VALUE);
        }

        /** AUTH asked for a response (334): the next line answers it. */
        public Authenticating authenticate(AuthExchange exchange) {
            if (login.isPresent()) {
                throw new IllegalStateException("already authenticated");
            }
            return new Authenticating(this, exchange);
        }

        /** AUTH succeeded (235). */
        public Greeted loggedIn(Login who) {
            if (login.isPresent()) {
                throw new IllegalStateException("already authenticated");
            }
            return new Greeted(hello, Optional.of(who));
        }
    }

    /**
     * Between a {@code 334} challenge and the client's response (RFC 4954 §4): the next line is
     * base64 or {@code *}, not a command.
     *
     * @param before   the state AUTH was sent in, where a failed or cancelled exchange returns
     * @param exchange which response comes next
     */
    record Authenticating(Greeted before, AuthExchange exchange) implements SmtpState {
        @Override
        public InputMode inputMode() {
            return InputMode.AUTH_RESPONSE;
        }

        @Override
        public Optional<Greeting> greeting() {
            return before.greeting();
        }

        /** The exchange goes on with another challenge. */
        public Authenticating next(AuthExchange step) {
            return new Authenticating(before, step);
        }
    }

    /**
     * Between MAIL and DATA.
     *
     * @param id         this transaction's id: the delivery id sent to storage and the queue id in replies
     * @param login      who the client authenticated as, when it did
     * @param sender     the reverse-path, empty for the null sender
     * @param recipients the accepted recipients in RCPT order
     * @param chunking   whether BDAT chunks were taken: then DATA may not follow (RFC 3030 §2)
     * @param recipientAllowance how many recipients the account's sending limit leaves this transaction
     */
    record MailTransaction(Greeting hello, Optional<Login> login, String id, Optional<MailAddress> sender,
            MailParameters parameters, List<AcceptedRecipient> recipients, boolean chunking, long recipientAllowance)
            implements SmtpState {

        public MailTransaction {
            recipients = List.copyOf(recipients);
        }

        @Override
        public InputMode inputMode() {
            return InputMode.COMMAND;
        }

        @Override
        public Optional<Greeting> greeting() {
            return Optional.of(hello);
        }

        public MailTransaction addRecipient(AcceptedRecipient recipient) {
            List<AcceptedRecipient> more = new ArrayList<>(recipients);
            more.add(recipient);
            return new MailTransaction(hello, login, id, sender, parameters, more, chunking, recipientAllowance);
        }

        /** A BDAT chunk (not the last) was taken. */
        public MailTransaction withChunk() {
            return new MailTransaction(hello, login, id, sender, parameters, recipients, true, recipientAllowance);
        }

        /** At most {@code allowance} recipients (an account's sending limit). */
        public MailTransaction limitRecipients(long allowance) {
            return new MailTransaction(hello, login, id, sender, parameters, recipients, chunking, allowance);
        }

        /** A BDAT command was accepted: its octets come next. */
        public ReceivingChunk startChunk(long size, boolean last) {
            if (recipients.isEmpty()) {
                throw new IllegalStateException("BDAT without recipients");
            }
            return new ReceivingChunk(this, size, last, Optional.empty());
        }

        /** DATA was accepted (354): the bytes that follow are message content. */
        public ReceivingData startData() {
            if (recipients.isEmpty()) {
                throw new IllegalStateException("DATA without recipients");
            }
            return new ReceivingData(this);
        }
    }

    /**
     * After a BDAT command line, while its octets arrive (RFC 3030 §2); the reply comes once all of them
     * are read, so even a refused chunk is read to its end and the client stays in step.
     *
     * @param back      the transaction the chunk adds to, or, for a refused chunk, the state to return to
     * @param remaining octets of the chunk still to come
     * @param last      whether this is the last chunk (BDAT ... LAST)
     * @param refusal   the reply to a chunk read only to be dropped
     */
    record ReceivingChunk(SmtpState back, long remaining, boolean last, Optional<SmtpReply> refusal) implements SmtpState {

        /** A BDAT that is not taken: its octets are read and dropped, then {@code refusal} is the reply. */
        public static ReceivingChunk refused(SmtpState back, long size, SmtpReply refusal) {
            return new ReceivingChunk(back, size, false, Optional.of(refusal));
        }

        public ReceivingChunk {
            if (refusal.isEmpty() && !(back instanceof MailTransaction)) {
                throw new IllegalArgumentException("a kept chunk belongs to a transaction");
            }
        }

        @Override
        public InputMode inputMode() {
            return InputMode.CHUNK;
        }

        @Override
        public Optional<Greeting> greeting() {
            return back.greeting();
        }

        @Override
        public Optional<Login> login() {
            return back.login();
        }

        /** Whether the octets are message content (not a refused chunk's). */
        public boolean kept() {
            return refusal.isEmpty();
        }

        /** {@code n} more octets were read. */
        public ReceivingChunk consumed(long n) {
            if (n > remaining) {
                throw new IllegalArgumentException("read past the chunk");
            }
            return new ReceivingChunk(back, remaining - n, last, refusal);
        }

        @Override
        public SmtpState afterTls() {
            throw new IllegalStateException("no STARTTLS while receiving a chunk");
        }
    }

    /** After 354, until the final reply to the data. */
    record ReceivingData(MailTransaction transaction) implements SmtpState {
        @Override
        public InputMode inputMode() {
            return InputMode.DATA;
        }

        @Override
        public Optional<Greeting> greeting() {
            return Optional.of(transaction.hello());
        }

        /** The final reply to the data was sent, whatever it was: the transaction is over (RFC 5321 §4.1.1.4). */
        public Greeted finish() {
            return new Greeted(transaction.hello(), transaction.login());
        }

        @Override
        public Optional<Login> login() {
            return transaction.login();
        }

        @Override
        public SmtpState afterTls() {
            throw new IllegalStateException("no STARTTLS while receiving data");
        }
    }
}
