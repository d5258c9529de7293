package io.mailserver.imap.client;

/**
 * Where an APPEND's messages were stored (RFC 4315 APPENDUID): the mailbox's UIDVALIDITY and each
 * message's UID in stream order. The array is the caller's.
 */
public record AppendResult(int uidValidity, int[] uids) {
}
