package io.mailserver.pop3.handler;

import io.mailserver.pop3.client.StorageClient;
import io.mailserver.pop3.command.Pop3Command;
import io.mailserver.pop3.command.Verb;
import io.mailserver.pop3.config.MailConfig;
import io.mailserver.pop3.metrics.Pop3Metrics;
import io.mailserver.pop3.reply.Pop3Reply;
import io.mailserver.pop3.reply.ResponseCode;
import io.mailserver.pop3.session.Pop3Session;
import io.mailserver.pop3.session.Pop3State;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * RFC 1939 §4 and §6 QUIT. From the TRANSACTION state it enters UPDATE: the marked messages are
 * expunged in one storage call, and only then the answer is given; a failed expunge is reported as
 * "-ERR" (RFC 1939 §6). A connection that ends without QUIT never gets here, so it deletes nothing.
 */
@ApplicationScoped
public class QuitHandler implements Pop3Handler {

    private static final Logger LOG = Logger.getLogger(QuitHandler.class);

    private final StorageClient storage;
    private final MailConfig config;
    private final Pop3Metrics metrics;

    public QuitHandler(StorageClient storage, MailConfig config, Pop3Metrics metrics) {
        this.storage = storage;
        this.config = config;
        this.metrics = metrics;
    }

    @Override
    public Set<Verb> verbs() {
        return EnumSet.of(Verb.QUIT);
    }

    @Override
    public Set<Pop3State.Phase> phases() {
        return EnumSet.of(Pop3State.Phase.AUTHORIZATION, Pop3State.Phase.TRANSACTION);
    }

    @Override
    public Uni<Outcome> handle(Pop3Command command, Pop3Session session) {
        String signOff = config.hostname() + " POP3 server signing off";
        if (!(session.state() instanceof Pop3State.Transaction t)) {
            return Uni.createFrom().item(Outcome.close(Pop3Reply.ok(signOff), session.state()));
        }
        Pop3State.Update update = new Pop3State.Update();
        if (t.deletions().isEmpty()) {
            return Uni.createFrom().item(Outcome.close(Pop3Reply.ok(signOff), update));
        }
        long accountId = t.maildrop().accountId();
        return storage.expunge(accountId, t.maildrop().mailboxId(), t.deletedUids())
                .map(removed -> {
                    metrics.deleted(removed);
                    return Outcome.close(Pop3Reply.ok(signOff + " (" + removed + " messages deleted)"), update);
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("UPDATE for account %d failed: %s", accountId, String.valueOf(failure.getCause()));
                    return Outcome.close(Pop3Reply.err(ResponseCode.SYS_TEMP, "Some deleted messages not removed"), update);
                });
    }
}
