/** Background work on blobs: the collector of orphans. */
package io.mailserver.storage.blob.service;
