package io.mailserver.mailctl.queue;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.mailserver.contracts.storage.v1.DeleteQueuedRequest;
import io.mailserver.contracts.storage.v1.ListQueueRequest;
import io.mailserver.contracts.storage.v1.ListQueueResponse;
import io.mailserver.contracts.storage.v1.QueueAdminServiceGrpc;
import io.mailserver.contracts.storage.v1.RetryQueuedRequest;
import io.mailserver.mailctl.admin.AdminCommands;
import io.mailserver.mailctl.cli.Invocation;
import io.mailserver.mailctl.storage.StorageOperator;
import java.io.PrintStream;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/** {@code mailctl queue list|show|retry|delete} against storage-service's QueueAdminService. */
public final class QueueCommands {

    private static final long DEADLINE_SECONDS = 10;

    private final StorageOperator storage;
    private final PrintStream out;
    private final Clock clock;
    private final QueuePrinter printer;

    public QueueCommands(StorageOperator storage, PrintStream out, Clock clock) {
        this.storage = storage;
        this.out = out;
        this.clock = clock;
        this.printer = new QueuePrinter(out);
    }

    public int run(Invocation invocation) {
        ManagedChannel channel = storage.open();
        try {
            QueueAdminServiceGrpc.QueueAdminServiceBlockingStub stub = QueueAdminServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
            if (invocation instanceof Invocation.QueueList list) {
                ListQueueResponse response = stub.listQueue(ListQueueRequest.newBuilder()
                        .setDomain(list.domain().orElse("")).build());
                printer.list(response, clock.instant());
            } else if (invocation instanceof Invocation.QueueShow show) {
                printer.entry(stub.listQueue(ListQueueRequest.newBuilder().setEntryId(show.entryId()).build()).getEntries(0),
                        clock.instant());
            } else if (invocation instanceof Invocation.QueueRetry retry) {
                int n = stub.retryQueued(RetryQueuedRequest.newBuilder().setEntryId(retry.entryId().orElse(0)).build())
                        .getEntries();
                out.println(n == 1 ? "1 entry is due now" : n + " entries are due now");
            } else if (invocation instanceof Invocation.QueueDelete delete) {
                int n = stub.deleteQueued(DeleteQueuedRequest.newBuilder().setEntryId(delete.entryId()).build())
                        .getRecipients();
                out.println("entry " + delete.entryId() + " deleted (" + QueuePrinter.recipients(n) + " not delivered, no bounce sent)");
            } else {
                throw new IllegalArgumentException("not a queue command: " + invocation);
            }
            return 0;
        } catch (StatusRuntimeException e) {
            throw new AdminCommands.AdminFailure("storage-service answered " + e.getStatus().getCode()
                    + (e.getStatus().getDescription() == null ? "" : ": " + QueuePrinter.printable(e.getStatus().getDescription())));
        } finally {
            channel.shutdownNow();
        }
    }
}
