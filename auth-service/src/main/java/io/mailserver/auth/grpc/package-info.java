/**
 * The gRPC service {@code mail.auth.v1.AuthService}: message translation and status mapping only.
 * Database faults become {@code UNAVAILABLE} (or {@code TEMPORARY_FAILURE} for logins), never a
 * stack trace on the wire.
 */
package io.mailserver.auth.grpc;
