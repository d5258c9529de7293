package io.mailserver.imap.handler;

import io.grpc.Status.Code;
import io.mailserver.contracts.storage.v1.AppendHeader;
import io.mailserver.contracts.storage.v1.AppendResponse;
import io.mailserver.contracts.storage.v1.Timestamp;
import io.mailserver.imap.client.AppendUpload;
import io.mailserver.imap.client.PeerRejectedException;
import io.mailserver.imap.client.StorageClient;
import io.mailserver.imap.codec.CommandRest;
import io.mailserver.imap.codec.MessageLiteral;
import io.mailserver.imap.command.AppendCommand;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.reply.ResponseCode;
import io.mailserver.imap.session.ClientChannel;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * RFC 9051 §6.3.12 APPEND, streamed: the message literal goes on to storage's AppendMessage as its
 * octets arrive, under gRPC flow control, so imap-service never holds a whole message. Storage
 * stores it only once the command line has ended properly, and answers with the UID for RFC 4315
 * {@code APPENDUID}. A missing mailbox gets {@code [TRYCREATE]} (the client may CREATE and retry);
 * the size limit is enforced before the literal is accepted ({@code [TOOBIG]}, by the decoder).
 */
@Singleton
public class AppendHandler implements CommandHandler<AppendCommand> {

    private final StorageClient storage;

    public AppendHandler(StorageClient storage) {
        this.storage = storage;
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
        AppendHeader.Builder header = AppendHeader.newBuilder()
                .setMailbox(StorageClient.mailbox(session.account().getAccountId(), command.mailbox()))
                .addAllFlags(command.flags())
                .setSize(command.message().size());
        if (command.internalDate() != null) {
            header.setInternalDate(Timestamp.newBuilder()
                    .setEpochSeconds(command.internalDate().toEpochSecond())
                    .setZoneOffsetMinutes(command.internalDate().getOffset().getTotalSeconds() / 60));
        }
        AppendUpload upload = storage.append(header.build(), session.executor());
        return stream(session, command.message(), upload)
                .flatMap(ignored -> session.channel().readRest())
                .flatMap(rest -> {
                    if (rest instanceof CommandRest.End) {
                        upload.finish();
                        return upload.result().map(AppendHandler::completed);
                    }
                    upload.cancel();
                    String reason = rest instanceof CommandRest.Invalid invalid ? invalid.message()
                            : "MULTIAPPEND is not supported";
                    return Uni.createFrom().item(Completion.bad(reason));
                })
                .onFailure().invoke(failure -> upload.cancel())
                .onFailure(PeerRejectedException.class).recoverWithItem(failure -> refused(command, failure));
    }

    private static Completion completed(AppendResponse response) {
        return Completion.ok(ResponseCode.appendUid(response.getUidValidity(), Integer.toUnsignedString(response.getUid())),
                "APPEND completed");
    }

    private static Completion refused(AppendCommand command, Throwable failure) {
        Code code = ((PeerRejectedException) failure).code();
        if (code == Code.NOT_FOUND) {
            return Completion.no(ResponseCode.TRYCREATE, "No such mailbox; create it first");
        }
        if (code == Code.RESOURCE_EXHAUSTED) {
            return Completion.no(ResponseCode.TOOBIG, "Message too big");
        }
        return CommandDispatcher.completionFor(command, failure);
    }

    /** Reads the literal into the upload; completes once every octet has been handed to gRPC. */
    private static Uni<Void> stream(ImapSession session, MessageLiteral literal, AppendUpload upload) {
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
}
