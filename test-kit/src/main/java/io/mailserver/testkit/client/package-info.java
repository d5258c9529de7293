/**
 * Small clients for tests and for {@code mailctl}: the admin REST API, and a line-protocol client
 * that lets protocol tests read as scripts of what is sent and what must come back.
 */
package io.mailserver.testkit.client;
