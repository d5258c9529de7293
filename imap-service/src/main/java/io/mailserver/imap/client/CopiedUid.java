package io.mailserver.imap.client;

/** A message copied or moved: its UID in the source mailbox and the UID its copy got in the target. */
public record CopiedUid(int source, int target) {
}
