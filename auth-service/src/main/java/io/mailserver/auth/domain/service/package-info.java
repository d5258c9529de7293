/** The lifecycle of hosted domains: names are canonical, and a domain in use cannot be removed. */
package io.mailserver.auth.domain.service;
