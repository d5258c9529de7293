/**
 * The outbound queue's rules: what a message for other domains becomes when Deliver accepts it, and
 * how workers lease, attempt and report its entries.
 */
package io.mailserver.storage.queue.service;
