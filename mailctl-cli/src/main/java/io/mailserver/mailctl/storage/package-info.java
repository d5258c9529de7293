/** How mailctl reaches storage-service's gRPC port for the operator calls (quota, queue). */
package io.mailserver.mailctl.storage;
