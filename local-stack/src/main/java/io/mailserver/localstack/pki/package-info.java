/**
 * Key material of a local system, written as PEM files under its data directory on first start and
 * reused afterwards: the certificate clients see on the mail ports.
 */
package io.mailserver.localstack.pki;
