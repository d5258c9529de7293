/** The connection driver shared by the SMTP, IMAP and POP3 listeners. */
package io.mailserver.protocol.connection;
