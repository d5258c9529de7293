/** gRPC channels for tests that call a service directly, as a peer (mutual TLS) or as a stranger. */
package io.mailserver.testkit.grpc;
