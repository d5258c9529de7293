/** Admin REST endpoints for hosted domains ({@code /api/v1/domains}). */
package io.mailserver.auth.domain.rest;
