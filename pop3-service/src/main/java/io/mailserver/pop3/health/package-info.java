/**
 * Readiness of pop3-service: it can serve logins only while auth-service and storage-service
 * answer, so both are checked through the standard gRPC health service.
 */
package io.mailserver.pop3.health;
