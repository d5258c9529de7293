/** Admin REST endpoints for accounts ({@code /api/v1/accounts}); no response ever carries a password hash. */
package io.mailserver.auth.account.rest;
