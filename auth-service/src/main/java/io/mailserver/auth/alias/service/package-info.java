/**
 * Aliases and their target accounts. An address is an account or an alias, never both; targets are
 * always existing local accounts.
 */
package io.mailserver.auth.alias.service;
