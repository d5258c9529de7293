/** The client of auth-service's admin REST API, used by {@code mailctl}'s admin commands and by tests. */
package io.mailserver.localstack.admin;
