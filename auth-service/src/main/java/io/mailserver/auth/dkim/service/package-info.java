/** Making and finding a domain's DKIM key. */
package io.mailserver.auth.dkim.service;
