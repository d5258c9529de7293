/** The adapter around auth-service's gRPC API, for reconciling accounts. */
package io.mailserver.storage.account.client;
