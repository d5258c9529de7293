/**
 * Logins for the protocol services: secret verification, the outcome a client may learn, one metric
 * per attempt ({@code mail.auth.attempts}) and one log line per failure, never with the secret.
 */
package io.mailserver.auth.login.service;
