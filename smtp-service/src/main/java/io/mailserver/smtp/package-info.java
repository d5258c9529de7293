/**
 * smtp-service: the inbound MX (RFC 5321) and the submission listeners on Vert.x TCP servers.
 *
 * <p>{@link io.mailserver.smtp.SmtpServer} binds the listeners; {@link io.mailserver.smtp.SmtpConnection}
 * runs the pipeline of one connection: {@code codec} (framing, parsing) to {@code handler} (deciding)
 * to {@code reply} (encoding), with the state in {@code session} and the peers behind {@code client}.
 */
package io.mailserver.smtp;
