/** Kafka facts tests wait for, asked of the real broker. */
package io.mailserver.testkit.kafka;
