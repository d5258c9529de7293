/** Admin REST endpoints for aliases ({@code /api/v1/aliases}). */
package io.mailserver.auth.alias.rest;
