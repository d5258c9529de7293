/** Mailbox values: the row with its IMAP counters and the rules of mailbox names. */
package io.mailserver.storage.mailbox.model;
