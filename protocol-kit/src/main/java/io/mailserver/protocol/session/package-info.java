/**
 * Session bookkeeping shared by the protocol services: which authenticated sessions an instance has,
 * by account, so a change to the account (disabled, deleted) can end them.
 */
package io.mailserver.protocol.session;
