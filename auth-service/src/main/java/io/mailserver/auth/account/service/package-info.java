/**
 * The lifecycle of accounts. Addresses are canonical (lower case) before they reach the database;
 * an address is either an account or an alias, never both; every committed change is announced on
 * Kafka afterwards.
 */
package io.mailserver.auth.account.service;
