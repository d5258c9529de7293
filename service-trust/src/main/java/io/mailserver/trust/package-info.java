/**
 * Trust between services (docs/architecture.md, "Trust between services"): gRPC runs over mutual
 * TLS with a deployment CA; the server side here verifies the caller's certificate and checks the
 * RPC against the caller's allowance before any service code runs. Clients need no code, only
 * {@code quarkus.grpc.clients.<peer>.ssl.*} pointing at the same files.
 */
package io.mailserver.trust;
