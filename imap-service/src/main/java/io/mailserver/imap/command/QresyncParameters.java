package io.mailserver.imap.command;

/**
 * RFC 7162 §3.2.5 SELECT/EXAMINE {@code (QRESYNC (uidvalidity mod-sequence [known-uids]))}: what the
 * client knew of the mailbox when it last had it open.
 *
 * @param knownUids the UIDs the client knows, or null for all of them; the optional sequence-match
 *                  data after them only helps a server that lost its tombstones, so it is read and
 *                  not used
 */
public record QresyncParameters(long uidValidity, long modseq, SequenceSet knownUids) {
}
