/**
 * dns-service: will own schema {@code dns} (zones and records pushed to PowerDNS, DKIM keys,
 * domain verification state). In this first stage it is a deployable service with health and
 * metrics only, so the system's shape, ports and deployment are complete from the start.
 */
package io.mailserver.dns;
