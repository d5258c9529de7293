/**
 * Parsed SMTP commands: the sealed {@link io.mailserver.smtp.command.SmtpCommand} family of
 * immutable records and the values they carry (addresses, MAIL parameters).
 *
 * <p>Invariant: a record holds only syntactically valid arguments; anything else is a
 * {@link io.mailserver.smtp.command.SmtpCommand.Malformed} or
 * {@link io.mailserver.smtp.command.SmtpCommand.Unknown}.
 */
package io.mailserver.smtp.command;
