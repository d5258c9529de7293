/**
 * Child processes: starting them with their output in a log file, waiting until they are ready,
 * stopping them politely (SIGTERM, then SIGKILL), and nothing outliving the JVM that started them.
 */
package io.mailserver.localstack.process;
