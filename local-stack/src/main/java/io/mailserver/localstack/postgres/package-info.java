/** A real PostgreSQL server from the zonky binaries on Maven Central; data kept across restarts. */
package io.mailserver.localstack.postgres;
