/** Micrometer counters of storage-service. */
package io.mailserver.storage.metrics;
