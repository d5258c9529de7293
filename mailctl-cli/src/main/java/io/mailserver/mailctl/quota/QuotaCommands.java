package io.mailserver.mailctl.quota;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.mailserver.contracts.storage.v1.GetQuotaRequest;
import io.mailserver.contracts.storage.v1.MailboxServiceGrpc;
import io.mailserver.contracts.storage.v1.Quota;
import io.mailserver.contracts.storage.v1.SetQuotaRequest;
import io.mailserver.mailctl.admin.AdminCommands;
import io.mailserver.mailctl.cli.Invocation;
import io.mailserver.mailctl.storage.StorageOperator;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/** {@code mailctl quota show|set}: the account's id from the admin API, its quota from storage-service. */
public final class QuotaCommands {

    private static final long DEADLINE_SECONDS = 10;

    private final AdminCommands admin;
    private final StorageOperator storage;
    private final PrintStream out;

    public QuotaCommands(AdminCommands admin, StorageOperator storage, PrintStream out) {
        this.admin = admin;
        this.storage = storage;
        this.out = out;
    }

    public int run(Invocation invocation) {
        String address;
        if (invocation instanceof Invocation.QuotaShow show) {
            address = show.address();
        } else if (invocation instanceof Invocation.QuotaSet set) {
            address = set.address();
        } else {
            throw new IllegalArgumentException("not a quota command: " + invocation);
        }
        long accountId = admin.accountId(address);
        ManagedChannel channel = storage.open();
        try {
            MailboxServiceGrpc.MailboxServiceBlockingStub stub = MailboxServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
            Quota quota;
            if (invocation instanceof Invocation.QuotaSet set) {
                SetQuotaRequest.Builder request = SetQuotaRequest.newBuilder().setAccountId(accountId);
                set.storageBytes().ifPresent(request::setStorageBytes);
                set.messages().ifPresent(request::setMessages);
                quota = stub.setQuota(request.build());
            } else {
                quota = stub.getQuota(GetQuotaRequest.newBuilder().setAccountId(accountId).build());
            }
            print(address, quota);
            return 0;
        } catch (StatusRuntimeException e) {
            throw new AdminCommands.AdminFailure("storage-service answered " + e.getStatus().getCode()
                    + (e.getStatus().getDescription() == null ? "" : ": " + e.getStatus().getDescription()));
        } finally {
            channel.shutdownNow();
        }
    }

    private void print(String address, Quota quota) {
        out.println("quota of " + address);
        out.println("  storage   " + Long.toUnsignedString(quota.getStorageUsedBytes()) + " bytes used, "
                + limit(quota.getStorageLimitBytes(), " bytes"));
        out.println("  messages  " + Long.toUnsignedString(quota.getMessagesUsed()) + " used, "
                + limit(quota.getMessagesLimit(), ""));
    }

    private static String limit(long limit, String unit) {
        return limit == 0 ? "no limit" : "limit " + Long.toUnsignedString(limit) + unit;
    }
}
