/** gRPC adapter of DeliveryService. */
package io.mailserver.storage.delivery.grpc;
