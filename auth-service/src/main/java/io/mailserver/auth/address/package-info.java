/**
 * Value types for the names this service hosts: {@link io.mailserver.auth.address.DomainName} and
 * {@link io.mailserver.auth.address.MailAddress}. Instances are always canonical (lower case), so
 * every lookup and every unique index compares like with like.
 */
package io.mailserver.auth.address;
