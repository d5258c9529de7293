package io.mailserver.imap.client;

/**
 * The matched messages' UIDs in the order asked for (RFC 5256 SORT), and the highest mod-sequence
 * among them. The array is the caller's; nothing else holds it.
 */
public record SortResult(int[] uids, long highestModseq) {
}
