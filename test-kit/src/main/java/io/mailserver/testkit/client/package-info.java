/**
 * Small clients for tests: a line-protocol client that lets protocol tests read as scripts of what
 * is sent and what must come back, and the trust settings for the local system's certificate.
 */
package io.mailserver.testkit.client;
