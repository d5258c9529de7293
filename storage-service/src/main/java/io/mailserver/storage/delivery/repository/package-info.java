/** SQL on {@code storage.deliveries}, the idempotency record of Deliver. */
package io.mailserver.storage.delivery.repository;
