package io.mailserver.storage.message.service;

import io.mailserver.contracts.storage.v1.ChangesSinceRequest;
import io.mailserver.contracts.storage.v1.ChangesSinceResponse;
import io.mailserver.contracts.storage.v1.MessageFlags;
import io.mailserver.storage.account.service.AccountProvisioning;
import io.mailserver.storage.mailbox.repository.MailboxRepository;
import io.mailserver.storage.mailbox.service.MailboxHierarchy;
import io.mailserver.storage.message.model.UidRanges;
import io.mailserver.storage.message.repository.MessageRepository;
import io.mailserver.storage.message.repository.MessageRow;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * "What changed since MODSEQ n" (RFC 7162 CONDSTORE/QRESYNC, and NOOP/IDLE on any instance): the
 * mailbox, the messages with a greater MODSEQ and the tombstones with a greater MODSEQ, all read from
 * one snapshot so the answer is consistent with the mailbox's HIGHESTMODSEQ.
 */
@ApplicationScoped
public class ChangesService {

    private final Pool pool;
    private final AccountProvisioning provisioning;
    private final MailboxRepository mailboxes;
    private final MessageRepository messages;

    public ChangesService(Pool pool, AccountProvisioning provisioning, MailboxRepository mailboxes, MessageRepository messages) {
        this.pool = pool;
        this.provisioning = provisioning;
        this.mailboxes = mailboxes;
        this.messages = messages;
    }

    public Uni<ChangesSinceResponse> changesSince(ChangesSinceRequest request) {
        long since = request.getSinceModseq();
        return provisioning.ensure(request.getMailbox().getAccountId())
                .flatMap(ignored -> pool.withTransaction(tx -> MailboxHierarchy.repeatableRead(tx)
                        .flatMap(ignored2 -> mailboxes.resolve(tx, request.getMailbox(), false))
                        .flatMap(mailbox -> messages.changedSince(tx, mailbox.accountId(), mailbox.mailboxId(), since)
                                .flatMap(changed -> messages.expungedSince(tx, mailbox.accountId(), mailbox.mailboxId(), since)
                                        .map(expunged -> {
                                            ChangesSinceResponse.Builder response = ChangesSinceResponse.newBuilder()
                                                    .setMailbox(mailbox.toProto())
                                                    .setExpunged(UidRanges.toUidSet(expunged));
                                            for (MessageRow row : changed) {
                                                response.addChanged(MessageFlags.newBuilder()
                                                        .setUid((int) row.uid())
                                                        .addAllFlags(row.flags().names())
                                                        .setModseq(row.modseq()));
                                            }
                                            return response.build();
                                        })))));
    }
}
