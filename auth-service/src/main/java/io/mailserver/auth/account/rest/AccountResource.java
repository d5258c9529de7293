package io.mailserver.auth.account.rest;

import io.mailserver.auth.account.service.AccountChanges;
import io.mailserver.auth.account.service.AccountService;
import io.mailserver.auth.admin.Refusal;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Admin API for accounts. Addresses in paths are URL-encoded ({@code alice%40example.test}). */
@Path("/api/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "accounts")
public class AccountResource {

    private final AccountService accounts;

    AccountResource(AccountService accounts) {
        this.accounts = accounts;
    }

    @POST
    @Operation(summary = "Create an account (404 unknown domain, 409 address taken, 400 invalid input)")
    public Uni<RestResponse<AccountJson>> create(NewAccount body) {
        if (body == null) {
            throw new Refusal.Invalid("body {\"address\": ..., \"password\": ...} required");
        }
        return accounts.create(body.address(), body.password(), body.displayName(), body.quotaBytes())
                .map(entity -> RestResponse.status(RestResponse.Status.CREATED, AccountJson.of(entity)));
    }

    @GET
    @Operation(summary = "All accounts, or those of one domain")
    public Uni<List<AccountJson>> list(@QueryParam("domain") String domain) {
        return accounts.list(domain).map(all -> all.stream().map(AccountJson::of).toList());
    }

    @GET
    @Path("/{address}")
    @Operation(summary = "One account")
    public Uni<AccountJson> get(@PathParam("address") String address) {
        return accounts.get(address).map(AccountJson::of);
    }

    @PUT
    @Path("/{address}/password")
    @Operation(summary = "Set a new password")
    public Uni<RestResponse<Void>> changePassword(@PathParam("address") String address, NewPassword body) {
        if (body == null) {
            throw new Refusal.Invalid("body {\"password\": ...} required");
        }
        return accounts.changePassword(address, body.password()).map(done -> RestResponse.noContent());
    }

    @PATCH
    @Path("/{address}")
    @Operation(summary = "Change display name, enabled flag or quota; absent fields stay as they are")
    public Uni<AccountJson> update(@PathParam("address") String address, AccountPatch body) {
        if (body == null) {
            throw new Refusal.Invalid("body required");
        }
        return accounts.update(address, new AccountChanges(body.displayName(), body.enabled(), body.quotaBytes()))
                .map(AccountJson::of);
    }

    @DELETE
    @Path("/{address}")
    @Operation(summary = "Delete an account (it also leaves every alias; aliases left empty are deleted)")
    public Uni<RestResponse<Void>> delete(@PathParam("address") String address) {
        return accounts.delete(address).map(done -> RestResponse.noContent());
    }
}
