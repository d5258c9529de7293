package io.mailserver.storage.account.service;

import io.mailserver.contracts.storage.v1.Quota;
import io.mailserver.contracts.storage.v1.SetQuotaRequest;
import io.mailserver.storage.account.repository.AccountRepository;
import io.mailserver.storage.config.StorageConfig;
import io.mailserver.storage.failure.StorageException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * RFC 9208 quotas: one quota root per account, with a storage limit (bytes of messages) and a
 * message limit, each the account's own or the configured default, 0 meaning none. APPEND and
 * COPY check after writing, inside their transaction, so a write that would pass a limit rolls
 * back; concurrent writes of one account do not see each other's and may together pass it by what
 * they bring. Delivery is checked before (smtp asks at RCPT), never refused after the message was
 * accepted, so an account may end up over its limit by one message.
 */
@ApplicationScoped
public class Quotas {

    /** Usage and limits of one account; a limit of 0 means none. */
    public record State(long storageUsed, long storageLimit, long messagesUsed, long messagesLimit) {

        public boolean over() {
            return (storageLimit > 0 && storageUsed > storageLimit) || (messagesLimit > 0 && messagesUsed > messagesLimit);
        }
    }

    private final Pool pool;
    private final AccountRepository accounts;
    private final StorageConfig.Quota defaults;

    public Quotas(Pool pool, AccountRepository accounts, StorageConfig config) {
        this.pool = pool;
        this.accounts = accounts;
        this.defaults = config.quota();
    }

    /** GetQuota. */
    public Uni<Quota> get(long accountId) {
        return state(pool, accountId).map(Quotas::toProto);
    }

    /** SetQuota: the account's own limits, absent ones back to the defaults. */
    public Uni<Quota> set(SetQuotaRequest request) {
        long accountId = request.getAccountId();
        Long storage = request.hasStorageBytes() ? request.getStorageBytes() : null;
        Long messages = request.hasMessages() ? request.getMessages() : null;
        if ((storage != null && storage < 0) || (messages != null && messages < 0)) {
            return Uni.createFrom().failure(StorageException.invalidArgument("limits are below 2^63"));
        }
        return accounts.setQuotaLimits(pool, accountId, storage, messages).flatMap(ignored -> get(accountId));
    }

    private static Quota toProto(State state) {
        return Quota.newBuilder()
                .setStorageUsedBytes(state.storageUsed())
                .setStorageLimitBytes(state.storageLimit())
                .setMessagesUsed(state.messagesUsed())
                .setMessagesLimit(state.messagesLimit())
                .build();
    }

    public Uni<State> state(SqlClient sql, long accountId) {
        return limits(sql, accountId).flatMap(limits -> accounts.usage(sql, accountId)
                .map(usage -> new State(usage[0], limits[0], usage[1], limits[1])));
    }

    /** The account's effective limits, {storage bytes, messages}; 0 means none. */
    private Uni<long[]> limits(SqlClient sql, long accountId) {
        return accounts.quotaLimits(sql, accountId).map(own -> new long[] {
            own[0] != null ? own[0] : defaults.storageBytes(),
            own[1] != null ? own[1] : defaults.messages()});
    }

    /** Fails with {@link StorageException#overQuota} when the account is past a limit (call after a write). */
    public Uni<Void> ensureWithin(SqlClient tx, long accountId) {
        return limits(tx, accountId).flatMap(limits -> {
            if (limits[0] == 0 && limits[1] == 0) {
                // no limit: the default, and then a write costs one key lookup, not a sum
                return Uni.createFrom().voidItem();
            }
            return accounts.usage(tx, accountId).invoke(usage -> {
                if (new State(usage[0], limits[0], usage[1], limits[1]).over()) {
                    throw StorageException.overQuota("the account's quota does not leave room for this");
                }
            }).replaceWithVoid();
        });
    }
}
