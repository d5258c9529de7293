/** A real single-node KRaft Kafka broker in a child JVM, started from the Kafka jars on Maven Central. */
package io.mailserver.localstack.kafka;
