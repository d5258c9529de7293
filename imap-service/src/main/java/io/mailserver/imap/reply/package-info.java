/**
 * Server responses as values ({@link io.mailserver.imap.reply.Response}, {@link io.mailserver.imap.reply.Completion})
 * and their wire encoding ({@link io.mailserver.imap.reply.ResponseEncoder},
 * {@link io.mailserver.imap.reply.MessageStructureEncoder}). Deciding what to answer happens in the
 * handlers; this package only writes it, and never writes client input back unencoded.
 */
package io.mailserver.imap.reply;
