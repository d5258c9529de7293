package io.mailserver.mailctl.cli;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** What the user asked for, parsed and validated as far as can be done without a running system. */
public sealed interface Invocation {

    /** Run the system in the foreground until Ctrl-C or {@code mailctl down}. */
    record Up(String hostName) implements Invocation {
    }

    record Down() implements Invocation {
    }

    record Status() implements Invocation {
    }

    record Help() implements Invocation {
    }

    record DomainAdd(String name) implements Invocation {
    }

    record DomainList() implements Invocation {
    }

    /** The TXT record publishing the domain's DKIM key. */
    record DomainDkim(String name) implements Invocation {
    }

    /** {@code password} empty means: ask for it. */
    record UserAdd(String address, Optional<String> password) implements Invocation {
    }

    record UserList(Optional<String> domain) implements Invocation {
    }

    record UserPasswd(String address, Optional<String> password) implements Invocation {
    }

    record AliasAdd(String address, List<String> targets) implements Invocation {
    }

    record AliasList() implements Invocation {
    }

    /** The account's quota use and limits (RFC 9208's STORAGE and MESSAGE). */
    record QuotaShow(String address) implements Invocation {
    }

    /** The account's own limits (0 = none); a limit not given follows the configured default. */
    record QuotaSet(String address, OptionalLong storageBytes, OptionalLong messages) implements Invocation {
    }

    /** Outbound queue entries, oldest first (one domain's with {@code domain}). */
    record QueueList(Optional<String> domain) implements Invocation {
    }

    /** One queue entry in full. */
    record QueueShow(long entryId) implements Invocation {
    }

    /** Makes one entry (or, empty, every entry) due now. */
    record QueueRetry(OptionalLong entryId) implements Invocation {
    }

    /** Removes one entry without a bounce. */
    record QueueDelete(long entryId) implements Invocation {
    }
}
