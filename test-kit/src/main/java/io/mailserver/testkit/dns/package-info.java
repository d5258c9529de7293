/** A real DNS server for tests: PowerDNS from Debian, started per test run on loopback. */
package io.mailserver.testkit.dns;
