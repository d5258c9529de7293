/**
 * Recipient resolution for SMTP: hosted domain or not, account or alias, sub-address detail. Answers
 * only from the auth schema; it never delivers anything itself.
 */
package io.mailserver.auth.recipient.service;
