/** The typed configuration of storage-service ({@code mail.storage.*}); every key has a default. */
package io.mailserver.storage.config;
