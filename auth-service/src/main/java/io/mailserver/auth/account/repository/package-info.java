/** Persistence of accounts ({@code auth.accounts}) through Hibernate Reactive Panache. */
package io.mailserver.auth.account.repository;
