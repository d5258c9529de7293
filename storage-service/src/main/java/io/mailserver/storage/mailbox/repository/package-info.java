/** SQL on {@code storage.mailboxes}, always scoped to one account. */
package io.mailserver.storage.mailbox.repository;
