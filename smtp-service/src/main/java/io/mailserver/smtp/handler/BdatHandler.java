package io.mailserver.smtp.handler;

import io.mailserver.smtp.command.SmtpCommand;
import io.mailserver.smtp.metrics.SmtpMetrics;
import io.mailserver.smtp.reply.SmtpReply;
import io.mailserver.smtp.session.ChunkedContent;
import io.mailserver.smtp.session.ConnectionInfo;
import io.mailserver.smtp.session.SmtpState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * BDAT (CHUNKING, RFC 3030): message content in counted chunks, the last one marked LAST. Every
 * BDAT is followed by its octets whatever the answer, so the command never fails on the spot: a
 * chunk that cannot be taken is read to its end and dropped, and its refusal is the reply (the
 * client stays in step, and the octets are never read as commands). The end of the last chunk is
 * the end of the data, answered as DATA's is ({@link DataHandler#complete}).
 */
@ApplicationScoped
public class BdatHandler implements CommandHandler<SmtpCommand.Bdat> {

    private final DataHandler data;
    private final SmtpMetrics metrics;

    public BdatHandler(DataHandler data, SmtpMetrics metrics) {
        this.data = data;
        this.metrics = metrics;
    }

    @Override
    public Set<Class<? extends SmtpCommand>> commands() {
        return Set.of(SmtpCommand.Bdat.class);
    }

    /** Every state: the octets must be read in each of them. */
    @Override
    public boolean accepts(SmtpState state, ConnectionInfo connection) {
        return true;
    }

    @Override
    public Uni<Outcome> handle(SmtpCommand.Bdat command, SmtpState state, ConnectionInfo connection) {
        if (state instanceof SmtpState.MailTransaction transaction && !transaction.recipients().isEmpty()) {
            return Uni.createFrom().item(Outcome.awaitingOctets(transaction.startChunk(command.size(), command.last())));
        }
        SmtpReply refusal;
        if (state instanceof SmtpState.MailTransaction) {
            refusal = SmtpReply.of(503, "5.5.1", "No valid recipients");
        } else if (state instanceof SmtpState.Greeted) {
            refusal = SmtpReply.of(503, "5.5.1", "Need MAIL command");
        } else {
            refusal = CommandHandler.needGreeting();
        }
        return Uni.createFrom().item(Outcome.awaitingOctets(SmtpState.ReceivingChunk.refused(state, command.size(), refusal)));
    }

    /**
     * All octets of a chunk were read.
     *
     * @param content the transaction's content so far, this chunk included (for a kept chunk)
     */
    public Uni<Outcome> chunkEnded(SmtpState.ReceivingChunk chunk, ChunkedContent content, ConnectionInfo connection) {
        if (!chunk.kept()) {
            return Uni.createFrom().item(Outcome.of(chunk.back(), chunk.refusal().orElseThrow()));
        }
        SmtpState.MailTransaction transaction = (SmtpState.MailTransaction) chunk.back();
        if (content.overflowed()) {
            // RFC 3030 §2: a chunk may be refused at once; the transaction is over, so the memory is freed now.
            metrics.delivery(SmtpMetrics.Delivery.REJECTED);
            return Uni.createFrom().item(Outcome.of(transaction.reset(),
                    SmtpReply.of(552, "5.3.4", "Message size exceeds fixed maximum message size")));
        }
        if (!chunk.last()) {
            return Uni.createFrom().item(Outcome.of(transaction.withChunk(), SmtpReply.of(250, "2.0.0", "Chunk received")));
        }
        content.finish();
        return data.complete(transaction.startData(), content.content(), content.truncation(), connection);
    }
}
