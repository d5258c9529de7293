/** A real mail transfer agent for interop tests: Postfix from Debian, one private instance per test run. */
package io.mailserver.testkit.mta;
