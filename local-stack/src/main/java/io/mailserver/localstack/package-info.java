/**
 * The whole mail system on one machine: PostgreSQL, Kafka and the six packaged services as child
 * processes under one data directory. {@code mailctl up} runs it and the end-to-end tests start it,
 * so what the tests exercise is what an operator starts.
 *
 * <p>Every part binds 127.0.0.1 only, writes its logs to files under the data directory and is
 * stopped by whoever started it; none needs a Docker engine or root.
 */
package io.mailserver.localstack;
