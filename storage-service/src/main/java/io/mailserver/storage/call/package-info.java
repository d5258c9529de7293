/**
 * What storage knows about the gRPC call it is serving beyond its arguments: whether the caller still
 * waits for the answer. Writes ask it before they commit, so no message is stored for a caller that
 * has already reported a failure to its client.
 */
package io.mailserver.storage.call;
