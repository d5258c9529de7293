package io.mailserver.imap.handler;

import io.mailserver.imap.command.IdleCommand;
import io.mailserver.imap.config.ImapConfig;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.reply.ContinuationRequest;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.MailboxWatchers;
import io.mailserver.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * RFC 9051 §6.3.13 / RFC 2177 IDLE: after {@code + idling} the session tells the client of changes
 * to the selected mailbox as they happen, made by any session on any instance, until the client
 * sends {@code DONE}. A change event from storage (through Kafka) wakes the session at once; a poll
 * every {@code mail.imap.timeouts.idle-poll} covers events that are late or lost. Changes are
 * reported one report at a time, and the tagged OK waits for a report in flight, so nothing is sent
 * after it.
 */
@Singleton
public class IdleHandler implements CommandHandler<IdleCommand> {

    private static final Logger LOG = Logger.getLogger(IdleHandler.class);

    private final MailboxWatchers watchers;
    private final MailboxUpdates updates;
    private final Vertx vertx;
    private final long pollMillis;

    public IdleHandler(MailboxWatchers watchers, MailboxUpdates updates, Vertx vertx, ImapConfig config) {
        this.watchers = watchers;
        this.updates = updates;
        this.vertx = vertx;
        this.pollMillis = config.imap().timeouts().idlePoll().toMillis();
    }

    @Override
    public Class<IdleCommand> command() {
        return IdleCommand.class;
    }

    @Override
    public Set<Class<? extends SessionState>> states() {
        return AUTHENTICATED;
    }

    @Override
    public Uni<Completion> handle(IdleCommand command, ImapSession session) {
        session.send(new ContinuationRequest("idling"));
        Idling idling = new Idling(session);
        SessionState.Selected selected = session.selected();
        Runnable unwatch = selected == null ? () -> { }
                : watchers.watch(selected.mailbox().mailboxId(), () -> session.executor().execute(idling::changed));
        long timer = selected == null || pollMillis <= 0 ? -1
                : vertx.setPeriodic(pollMillis, id -> session.executor().execute(idling::changed));
        return session.channel().readLine()
                .onTermination().invoke(() -> {
                    unwatch.run();
                    if (timer >= 0) {
                        vertx.cancelTimer(timer);
                    }
                })
                .flatMap(line -> idling.stop().replaceWith(line))
                .map(line -> line.toString(StandardCharsets.US_ASCII).equalsIgnoreCase("DONE")
                        ? Completion.ok("IDLE terminated")
                        : Completion.bad("Expected DONE"));
    }

    /** One session's IDLE: coalesces wake-ups so one report runs at a time. Confined to the session's context. */
    private final class Idling {
        private final ImapSession session;
        private boolean reporting;
        private boolean again;
        private boolean stopped;
        private Runnable whenIdle;

        Idling(ImapSession session) {
            this.session = session;
        }

        void changed() {
            if (stopped || session.selected() == null || session.channel().closed()) {
                return;
            }
            if (reporting) {
                again = true;
                return;
            }
            reporting = true;
            updates.report(session, true).subscribe().with(done -> finished(), failure -> {
                LOG.debugf("no mailbox update during IDLE: %s", failure.getMessage());
                finished();
            });
        }

        private void finished() {
            session.executor().execute(() -> {
                reporting = false;
                if (again && !stopped) {
                    again = false;
                    changed();
                } else if (whenIdle != null) {
                    Runnable action = whenIdle;
                    whenIdle = null;
                    action.run();
                }
            });
        }

        /** Stops reporting; completes once no report is in flight. */
        Uni<Void> stop() {
            stopped = true;
            if (!reporting) {
                return Uni.createFrom().voidItem();
            }
            return Uni.createFrom().emitter(emitter -> whenIdle = () -> emitter.complete(null));
        }
    }
}
