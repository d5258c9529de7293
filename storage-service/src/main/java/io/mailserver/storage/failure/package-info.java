/**
 * Failures as the callers see them: {@link io.mailserver.storage.failure.StorageException} for
 * refusals with a gRPC status code, {@link io.mailserver.storage.failure.GrpcFailures} to map any
 * failure to a status without leaking internals.
 */
package io.mailserver.storage.failure;
