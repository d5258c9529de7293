/**
 * {@code mailctl quota}: account limits, which storage-service owns and enforces (RFC 9208), read and
 * set over gRPC as the {@code mailctl} identity of the local deployment CA.
 */
package io.mailserver.mailctl.quota;
