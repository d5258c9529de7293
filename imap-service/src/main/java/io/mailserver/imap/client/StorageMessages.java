package io.mailserver.imap.client;

import io.mailserver.contracts.storage.v1.ChangesSinceResponse;
import io.mailserver.contracts.storage.v1.CopyMessagesResponse;
import io.mailserver.contracts.storage.v1.ExpungeResponse;
import io.mailserver.contracts.storage.v1.ListMailboxesResponse;
import io.mailserver.contracts.storage.v1.Mailbox;
import io.mailserver.contracts.storage.v1.MailboxSnapshot;
import io.mailserver.contracts.storage.v1.MessageFlags;
import io.mailserver.contracts.storage.v1.Quota;
import io.mailserver.contracts.storage.v1.SortKey;
import io.mailserver.contracts.storage.v1.SpecialUse;
import io.mailserver.contracts.storage.v1.StoreFlagsResponse;
import io.mailserver.contracts.storage.v1.ThreadNode;
import io.mailserver.contracts.storage.v1.ThreadResponse;
import io.mailserver.contracts.storage.v1.UidMapping;
import io.mailserver.contracts.storage.v1.UidRange;
import io.mailserver.contracts.storage.v1.UidSet;
import io.mailserver.imap.command.SequenceSet;
import io.mailserver.imap.command.SortCommand;
import java.util.ArrayList;
import java.util.List;

/** storage-service's messages turned into imap-service's records; the only place that reads them. */
final class StorageMessages {

    private StorageMessages() {
    }

    static MailboxInfo mailbox(Mailbox m) {
        return new MailboxInfo(m.getMailboxId(), m.getName(), role(m.getSpecialUse()), m.getUidValidity(),
                m.getUidNext(), m.getHighestModseq(), m.getMessageCount(), m.getUnseenCount(), m.getSizeBytes(),
                m.getSubscribed(), m.getDeletedCount(), m.getRecentCount());
    }

    static MailboxListing listing(ListMailboxesResponse response) {
        return new MailboxListing(response.getMailboxesList().stream().map(StorageMessages::mailbox).toList(),
                response.getDelimiter(), response.getSubscribedWithoutMailboxList());
    }

    static MailboxSelection selection(MailboxSnapshot snapshot) {
        return new MailboxSelection(mailbox(snapshot.getMailbox()), UidSets.numbers(snapshot.getUids()),
                snapshot.getFirstUnseenUid(), snapshot.getKeywordsList(), snapshot.getFirstRecentUid());
    }

    static MailboxChanges changes(ChangesSinceResponse response) {
        return new MailboxChanges(mailbox(response.getMailbox()), flags(response.getChangedList()),
                UidSets.numbers(response.getExpunged()), response.getFirstRecentUid());
    }

    static StoreResult stored(StoreFlagsResponse response) {
        return new StoreResult(flags(response.getMessagesList()), UidSets.numbers(response.getModified()),
                response.getHighestModseq());
    }

    static ExpungeResult expunged(ExpungeResponse response) {
        return new ExpungeResult(UidSets.numbers(response.getExpunged()), response.getHighestModseq());
    }

    static CopyResult copied(CopyMessagesResponse response) {
        List<CopiedUid> copied = response.getMappingsList().stream()
                .map((UidMapping m) -> new CopiedUid(m.getSourceUid(), m.getTargetUid()))
                .toList();
        return new CopyResult(response.getTargetUidValidity(), copied, UidSets.numbers(response.getExpunged()));
    }

    static QuotaUsage quota(Quota quota) {
        return new QuotaUsage(quota.getStorageUsedBytes(), quota.getStorageLimitBytes(), quota.getMessagesUsed(),
                quota.getMessagesLimit());
    }

    /** UID ranges as IMAP ranges; a range ending at 0 names nothing and is left out. */
    static List<SequenceSet.Range> ranges(UidSet set) {
        List<SequenceSet.Range> ranges = new ArrayList<>();
        for (UidRange range : set.getRangesList()) {
            if (range.getLast() != 0) {
                ranges.add(new SequenceSet.Range(Math.max(1, Integer.toUnsignedLong(range.getFirst())),
                        Integer.toUnsignedLong(range.getLast())));
            }
        }
        return ranges;
    }

    static ThreadTree threads(ThreadResponse response) {
        int n = response.getNodesCount();
        int[] uids = new int[n];
        int[] parents = new int[n];
        for (int i = 0; i < n; i++) {
            ThreadNode node = response.getNodes(i);
            uids[i] = node.getUid();
            parents[i] = node.getParent();
        }
        return new ThreadTree(uids, parents);
    }

    static SortKey sortKey(SortCommand.Key key) {
        return switch (key) {
            case ARRIVAL -> SortKey.SORT_KEY_ARRIVAL;
            case CC -> SortKey.SORT_KEY_CC;
            case DATE -> SortKey.SORT_KEY_DATE;
            case FROM -> SortKey.SORT_KEY_FROM;
            case SIZE -> SortKey.SORT_KEY_SIZE;
            case SUBJECT -> SortKey.SORT_KEY_SUBJECT;
            case TO -> SortKey.SORT_KEY_TO;
            case DISPLAYFROM -> SortKey.SORT_KEY_DISPLAY_FROM;
            case DISPLAYTO -> SortKey.SORT_KEY_DISPLAY_TO;
        };
    }

    private static List<FlagState> flags(List<MessageFlags> messages) {
        return messages.stream().map(m -> new FlagState(m.getUid(), m.getFlagsList(), m.getModseq())).toList();
    }

    static MailboxRole role(SpecialUse use) {
        return switch (use) {
            case SPECIAL_USE_ALL -> MailboxRole.ALL;
            case SPECIAL_USE_ARCHIVE -> MailboxRole.ARCHIVE;
            case SPECIAL_USE_DRAFTS -> MailboxRole.DRAFTS;
            case SPECIAL_USE_FLAGGED -> MailboxRole.FLAGGED;
            case SPECIAL_USE_JUNK -> MailboxRole.JUNK;
            case SPECIAL_USE_SENT -> MailboxRole.SENT;
            case SPECIAL_USE_TRASH -> MailboxRole.TRASH;
            default -> MailboxRole.NONE;
        };
    }

    static SpecialUse specialUse(MailboxRole role) {
        return switch (role) {
            case ALL -> SpecialUse.SPECIAL_USE_ALL;
            case ARCHIVE -> SpecialUse.SPECIAL_USE_ARCHIVE;
            case DRAFTS -> SpecialUse.SPECIAL_USE_DRAFTS;
            case FLAGGED -> SpecialUse.SPECIAL_USE_FLAGGED;
            case JUNK -> SpecialUse.SPECIAL_USE_JUNK;
            case SENT -> SpecialUse.SPECIAL_USE_SENT;
            case TRASH -> SpecialUse.SPECIAL_USE_TRASH;
            case NONE -> SpecialUse.SPECIAL_USE_NONE;
        };
    }
}
