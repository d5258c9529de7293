/**
 * Account lifecycle in storage: provisioning on first touch or on AccountEvent CREATED (idempotent,
 * with the six special-use mailboxes) and removal of all data on DELETED.
 */
package io.mailserver.storage.account.service;
