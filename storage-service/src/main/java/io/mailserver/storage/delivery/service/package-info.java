/**
 * Deliver: the whole stream received and parsed first, then one transaction for one blob, one
 * message row per recipient and the idempotency record; the reply only after the commit.
 */
package io.mailserver.storage.delivery.service;
