package io.mailserver.imap.handler;

import io.mailserver.imap.client.AppendResult;
import io.mailserver.imap.client.AppendUpload;
import io.mailserver.imap.client.MessageToAppend;
import io.mailserver.imap.client.PeerRejectedException;
import io.mailserver.imap.client.StorageClient;
import io.mailserver.imap.codec.CommandRest;
import io.mailserver.imap.codec.MessageLiteral;
import io.mailserver.imap.codec.SyntaxError;
import io.mailserver.imap.codec.grammar.AppendGrammar;
import io.mailserver.imap.command.AppendCommand;
import io.mailserver.imap.config.ImapConfig;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.reply.NumberSetText;
import io.mailserver.imap.reply.ResponseCode;
import io.mailserver.imap.session.ClientChannel;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.ServerCapabilities;
import io.mailserver.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * RFC 9051 §6.3.12 APPEND, streamed: the message literal goes on to storage's AppendMessage as its
 * octets arrive, under gRPC flow control, so imap-service never holds a whole message. Storage
 * stores it only once the command line has ended properly, and answers with the UID for RFC 4315
 * {@code APPENDUID}. A missing mailbox gets {@code [TRYCREATE]} (the client may CREATE and retry);
 * the size limit is enforced before the literal is accepted ({@code [TOOBIG]}, by the decoder for
 * the first message, here for the further ones). MULTIAPPEND (RFC 3502) sends every message of the
 * command through one upload, which storage commits as one: all or none.
 */
@Singleton
public class AppendHandler implements CommandHandler<AppendCommand> {

    private final StorageClient storage;
    private final long appendLimit;

    public AppendHandler(StorageClient storage, ImapConfig config) {
        this.storage = storage;
        this.appendLimit = config.imap().limits().appendSize();
    }

    @Override
    public Class<AppendCommand> command() {
        return AppendCommand.class;
    }

    @Override
    public Set<Class<? extends SessionState>> states() {
        return AUTHENTICATED;
    }

    @Override
    public Uni<Completion> handle(AppendCommand command, ImapSession session) {
        MessageToAppend first = header(session, command.mailbox(),
                new AppendGrammar.Message(command.flags(), command.internalDate(), command.message(), command.utf8()));
        AppendUpload upload = storage.append(first, session.executor());
        return appendFrom(session, command, upload, command.message(), command.utf8())
                .onFailure().invoke(failure -> upload.cancel())
                .onFailure(EightBitHeader.class).recoverWithItem(failure -> Completion.no(
                        "8-bit characters in the message header need ENABLE UTF8=ACCEPT first"))
                .onFailure(PeerRejectedException.class).recoverWithItem(failure -> refused(command, failure));
    }

    /**
     * Streams one message, then reads what follows it: the end of the command (store everything),
     * or a further message of a MULTIAPPEND (RFC 3502), which goes into the same upload so that
     * storage commits all of them together or none.
     */
    private Uni<Completion> appendFrom(ImapSession session, AppendCommand command, AppendUpload upload,
            MessageLiteral literal, boolean wrapped) {
        return stream(session, literal, upload)
                .flatMap(ignored -> session.channel().readRest(wrapped))
                .flatMap(rest -> {
                    if (rest instanceof CommandRest.End) {
                        upload.finish();
                        return upload.result().map(AppendHandler::completed);
                    }
                    if (rest instanceof CommandRest.NextMessage next) {
                        AppendGrammar.Message message;
                        try {
                            message = AppendGrammar.message(next.cursor(session.mailboxNames()));
                        } catch (SyntaxError e) {
                            upload.cancel();
                            return Uni.createFrom().item(Completion.bad(e.getMessage()));
                        }
                        if (message.literal().size() > appendLimit) {
                            // a synchronising literal is never sent; a LITERAL+ one is skipped unread
                            upload.cancel();
                            return Uni.createFrom().item(Completion.no(ResponseCode.TOOBIG, "Message too big"));
                        }
                        upload.next(header(session, command.mailbox(), message));
                        return appendFrom(session, command, upload, message.literal(), message.utf8());
                    }
                    upload.cancel();
                    return Uni.createFrom().item(Completion.bad(((CommandRest.Invalid) rest).message()));
                });
    }

    private static MessageToAppend header(ImapSession session, String mailbox, AppendGrammar.Message message) {
        return new MessageToAppend(session.account().accountId(), mailbox, message.flags(), message.internalDate(),
                message.literal().size());
    }

    private static Completion completed(AppendResult stored) {
        return Completion.ok(ResponseCode.appendUid(stored.uidValidity(), NumberSetText.of(stored.uids())),
                "APPEND completed");
    }

    private static Completion refused(AppendCommand command, Throwable failure) {
        PeerRejectedException rejected = (PeerRejectedException) failure;
        if (rejected.kind() == PeerRejectedException.Kind.NOT_FOUND) {
            return Completion.no(ResponseCode.TRYCREATE, "No such mailbox; create it first");
        }
        if (rejected.kind() == PeerRejectedException.Kind.LIMIT) {
            return Completion.no(ResponseCode.TOOBIG, "Message too big");
        }
        return CommandDispatcher.completionFor(command, failure);
    }

    /** Reads the literal into the upload; completes once every octet has been handed to gRPC. */
    private static Uni<Void> stream(ImapSession session, MessageLiteral literal, AppendUpload upload) {
        // RFC 9755 §4: UTF-8 headers only from a client that said it speaks UTF-8 (IMAP4rev2 does)
        HeaderOctets header = session.enabled(ServerCapabilities.UTF8_ACCEPT) || session.rev2() ? null
                : new HeaderOctets();
        return Uni.createFrom().emitter(emitter -> {
            ClientChannel.LiteralFlow[] flow = new ClientChannel.LiteralFlow[1];
            boolean[] done = new boolean[1];
            // storage may give up at any point (unavailable, deadline): stop waiting for the client then
            upload.result().subscribe().with(ignored -> { }, failure -> {
                if (!done[0]) {
                    done[0] = true;
                    emitter.fail(failure);
                }
            });
            flow[0] = session.channel().readLiteral(literal, new ClientChannel.LiteralSink() {
                @Override
                public boolean data(io.vertx.core.buffer.Buffer octets) {
                    if (done[0]) {
                        return true;
                    }
                    if (header != null && header.eightBit(octets)) {
                        done[0] = true;
                        emitter.fail(new EightBitHeader());
                        return true;
                    }
                    if (upload.send(octets)) {
                        return true;
                    }
                    // dispatched, so the flow exists even when this runs within readLiteral itself
                    upload.whenReady(() -> session.executor().execute(() -> flow[0].resume()));
                    return false;
                }

                @Override
                public void end() {
                    if (!done[0]) {
                        done[0] = true;
                        emitter.complete(null);
                    }
                }

                @Override
                public void failed(Throwable failure) {
                    if (!done[0]) {
                        done[0] = true;
                        emitter.fail(failure);
                    }
                }
            });
        });
    }

    /** The message header has 8-bit octets and the session did not enable UTF-8 (RFC 9755 §4). */
    private static final class EightBitHeader extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EightBitHeader() {
            super("8-bit octets in the header of an APPEND without UTF8=ACCEPT", null, false, false);
        }
    }
}
