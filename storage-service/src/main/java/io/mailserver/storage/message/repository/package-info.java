/**
 * SQL on {@code storage.messages} and {@code storage.expunged}: one mailbox of one account per
 * statement, whole UID sets per statement.
 */
package io.mailserver.storage.message.repository;
