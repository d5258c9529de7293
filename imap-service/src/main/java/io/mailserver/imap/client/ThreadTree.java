package io.mailserver.imap.client;

/**
 * RFC 5256 threads as a tree of nodes, each parent before its children: node i holds
 * {@code uids[i]} (0 for a placeholder of a message that is not there) and its parent is node
 * {@code parents[i]} (-1 for a thread's root). The arrays are the caller's; nothing else holds them.
 */
public record ThreadTree(int[] uids, int[] parents) {
}
