/**
 * Mailbox commands (LIST, CREATE, RENAME, DELETE, SUBSCRIBE, SELECT), each one transaction, with
 * MailboxChanged announced after the commit.
 */
package io.mailserver.storage.mailbox.service;
