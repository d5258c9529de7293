package io.mailserver.pop3.session;

import java.util.List;

/**
 * The INBOX of an account as it was when the session logged in.
 *
 * @param accountId   the account, leading part of every storage key
 * @param mailboxId   the INBOX id; 0 when the account has no INBOX yet (then there are no messages)
 * @param uidValidity the INBOX UIDVALIDITY, part of every unique-id listing
 * @param messages    the messages in ascending UID order; message number n is element n-1
 */
public record Maildrop(long accountId, long mailboxId, long uidValidity, List<MaildropMessage> messages) {

    public Maildrop {
        messages = List.copyOf(messages);
    }

    public static Maildrop empty(long accountId) {
        return new Maildrop(accountId, 0, 0, List.of());
    }

    public int size() {
        return messages.size();
    }

    /** The message with number {@code number} (1-based); the caller checks the range. */
    public MaildropMessage message(int number) {
        return messages.get(number - 1);
    }

    public boolean contains(int number) {
        return number >= 1 && number <= messages.size();
    }

    /**
     * RFC 1939 §7 UIDL unique-id: UIDVALIDITY and UID in decimal, which stays the same across
     * sessions as long as the mailbox keeps its UIDVALIDITY and is never reused for another message
     * (at most 21 characters, all in 0x21..0x7E).
     */
    public String uniqueId(int number) {
        return uidValidity + "." + message(number).uid();
    }
}
