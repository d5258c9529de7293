/** SQL on {@code storage.accounts}. */
package io.mailserver.storage.account.repository;
