/** How storage-service talks to PostgreSQL beyond single statements: transaction shapes. */
package io.mailserver.storage.sql;
