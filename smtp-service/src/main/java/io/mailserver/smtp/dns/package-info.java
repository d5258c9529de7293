/** The DNS servers smtp-service asks ({@code mail.smtp.dns.*}), for outbound MX lookups and inbound checks alike. */
package io.mailserver.smtp.dns;
