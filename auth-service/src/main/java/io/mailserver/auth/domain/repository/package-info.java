/** Persistence of hosted domains ({@code auth.domains}) through Hibernate Reactive Panache. */
package io.mailserver.auth.domain.repository;
