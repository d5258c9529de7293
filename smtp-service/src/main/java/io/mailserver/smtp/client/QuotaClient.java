package io.mailserver.smtp.client;

import io.mailserver.contracts.storage.v1.GetQuotaRequest;
import io.mailserver.contracts.storage.v1.MailboxService;
import io.mailserver.smtp.config.MailConfig;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Asks storage-service whether an account has room left (RFC 9208 quota), so RCPT TO can refuse
 * mail for a full mailbox with 552 5.2.2 before the message is sent. A quota that cannot be asked
 * counts as room: quotas protect disks, not mail, and refusing mail for it would bounce good mail.
 * An account with at least half of each limit free (or no limit) is taken to have room for
 * {@code mail.smtp.recipient-cache.ttl} without asking again: a run of messages to one address asks
 * once, and it takes more than half the quota arriving within that time to pass the limit
 * unnoticed. A quota set or lowered takes effect at RCPT within that time.
 */
@ApplicationScoped
public class QuotaClient {

    private static final Logger LOG = Logger.getLogger(QuotaClient.class);

    private final MailboxService mailboxes;
    private final Duration deadline;
    /** Accounts with plenty of room. */
    private final RecentAnswers<Long, Boolean> roomy;

    public QuotaClient(@GrpcClient("storage") MailboxService mailboxes, MailConfig config) {
        this.mailboxes = mailboxes;
        this.deadline = config.smtp().timeouts().storage();
        this.roomy = new RecentAnswers<>(config.smtp().recipientCache().ttl(), config.smtp().recipientCache().maxEntries());
    }

    /** True when the account is at or past a limit. */
    public Uni<Boolean> full(long accountId) {
        return Uni.createFrom().deferred(() -> roomy.get(accountId).isPresent() ? Uni.createFrom().item(false) : ask(accountId));
    }

    private Uni<Boolean> ask(long accountId) {
        return mailboxes.getQuota(GetQuotaRequest.newBuilder().setAccountId(accountId).build())
                .ifNoItem().after(deadline).fail()
                .invoke(q -> {
                    if (atMostHalf(q.getStorageUsedBytes(), q.getStorageLimitBytes())
                            && atMostHalf(q.getMessagesUsed(), q.getMessagesLimit())) {
                        roomy.put(accountId, true);
                    }
                })
                .map(q -> (q.getStorageLimitBytes() > 0 && q.getStorageUsedBytes() >= q.getStorageLimitBytes())
                        || (q.getMessagesLimit() > 0 && q.getMessagesUsed() >= q.getMessagesLimit()))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("quota of an account not known (%s): %s", failure.getClass().getSimpleName(),
                            failure.getMessage());
                    return false;
                });
    }

    /** No limit (0), or at most half of it used. */
    private static boolean atMostHalf(long used, long limit) {
        return limit <= 0 || used <= limit / 2;
    }
}
