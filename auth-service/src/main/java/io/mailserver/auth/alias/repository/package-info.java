/** Persistence of aliases ({@code auth.aliases}, {@code auth.alias_targets}) through Hibernate Reactive Panache. */
package io.mailserver.auth.alias.repository;
