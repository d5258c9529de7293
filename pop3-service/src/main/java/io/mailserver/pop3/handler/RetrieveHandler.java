package io.mailserver.pop3.handler;

import io.mailserver.contracts.storage.v1.BodySection;
import io.mailserver.pop3.client.ContentStream;
import io.mailserver.pop3.client.StorageClient;
import io.mailserver.pop3.command.Pop3Command;
import io.mailserver.pop3.command.RetrCommand;
import io.mailserver.pop3.command.TopCommand;
import io.mailserver.pop3.command.Verb;
import io.mailserver.pop3.metrics.Pop3Metrics;
import io.mailserver.pop3.reply.Pop3Reply;
import io.mailserver.pop3.session.MaildropMessage;
import io.mailserver.pop3.session.Pop3Session;
import io.mailserver.pop3.session.Pop3State;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * RFC 1939 §5 RETR and §7 TOP: stream message content from storage to the client, dot-stuffed,
 * paced by the socket (see {@link ContentTransfer}).
 */
@ApplicationScoped
public class RetrieveHandler implements Pop3Handler {

    static final BodySection WHOLE_MESSAGE = BodySection.newBuilder().setPart("").setText(BodySection.Text.CONTENT).build();
    static final BodySection HEADER = BodySection.newBuilder().setPart("").setText(BodySection.Text.HEADER).build();
    static final BodySection TEXT = BodySection.newBuilder().setPart("").setText(BodySection.Text.TEXT).build();

    private final StorageClient storage;
    private final Pop3Metrics metrics;

    public RetrieveHandler(StorageClient storage, Pop3Metrics metrics) {
        this.storage = storage;
        this.metrics = metrics;
    }

    @Override
    public Set<Verb> verbs() {
        return EnumSet.of(Verb.RETR, Verb.TOP);
    }

    @Override
    public Set<Pop3State.Phase> phases() {
        return EnumSet.of(Pop3State.Phase.TRANSACTION);
    }

    @Override
    public Uni<Outcome> handle(Pop3Command command, Pop3Session session) {
        Pop3State.Transaction t = (Pop3State.Transaction) session.state();
        if (command instanceof RetrCommand retr) {
            Optional<MaildropMessage> message = t.visible(retr.message());
            if (message.isEmpty()) {
                return Uni.createFrom().item(Outcome.reply(MaildropHandler.noSuchMessage(t, retr.message())));
            }
            ContentStream stream = storage.content(t.maildrop(), message.get().uid(), List.of(WHOLE_MESSAGE));
            return ContentTransfer.run(session, stream, Pop3Reply.ok(message.get().size() + " octets"),
                            ContentShape.whole())
                    .invoke(outcome -> {
                        if (outcome instanceof Outcome.Streamed s && s.after() == Outcome.After.CONTINUE) {
                            metrics.retrieved();
                        }
                    });
        }
        TopCommand top = (TopCommand) command;
        Optional<MaildropMessage> message = t.visible(top.message());
        if (message.isEmpty()) {
            return Uni.createFrom().item(Outcome.reply(MaildropHandler.noSuchMessage(t, top.message())));
        }
        ContentStream stream = storage.content(t.maildrop(), message.get().uid(), List.of(HEADER, TEXT));
        return ContentTransfer.run(session, stream, Pop3Reply.ok("Top of message follows"), ContentShape.top(top.lines()));
    }
}
