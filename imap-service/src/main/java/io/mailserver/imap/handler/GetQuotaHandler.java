package io.mailserver.imap.handler;

import io.mailserver.imap.client.QuotaUsage;
import io.mailserver.imap.client.StorageClient;
import io.mailserver.imap.command.GetQuotaCommand;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.reply.QuotaResponse;
import io.mailserver.imap.reply.ResponseCode;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * RFC 9208 §4.2 GETQUOTA. Each account has one quota root, {@code ""}, over all its mailboxes;
 * STORAGE is in units of 1024 octets (usage rounded up), MESSAGE in messages; a resource without a
 * limit is left out.
 */
@Singleton
public class GetQuotaHandler implements CommandHandler<GetQuotaCommand> {

    /** The name of an account's one quota root. */
    static final String ROOT = "";

    private final StorageClient storage;

    public GetQuotaHandler(StorageClient storage) {
        this.storage = storage;
    }

    @Override
    public Class<GetQuotaCommand> command() {
        return GetQuotaCommand.class;
    }

    @Override
    public Set<Class<? extends SessionState>> states() {
        return AUTHENTICATED;
    }

    @Override
    public Uni<Completion> handle(GetQuotaCommand command, ImapSession session) {
        if (!command.root().equals(ROOT)) {
            return Uni.createFrom().item(Completion.no(ResponseCode.NONEXISTENT, "No such quota root"));
        }
        return session.onContext(storage.quota(session.account().accountId())).map(quota -> {
            session.send(response(quota));
            return Completion.ok("GETQUOTA completed");
        });
    }

    static QuotaResponse response(QuotaUsage quota) {
        Map<String, long[]> resources = new LinkedHashMap<>();
        if (quota.storageLimitBytes() > 0) {
            resources.put("STORAGE", new long[] {(quota.storageUsedBytes() + 1023) / 1024,
                quota.storageLimitBytes() / 1024});
        }
        if (quota.messagesLimit() > 0) {
            resources.put("MESSAGE", new long[] {quota.messagesUsed(), quota.messagesLimit()});
        }
        return new QuotaResponse(ROOT, resources);
    }
}
