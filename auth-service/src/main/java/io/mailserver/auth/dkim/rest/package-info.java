/** The admin API's view of a domain's DKIM key: the record to publish, never the private half. */
package io.mailserver.auth.dkim.rest;
