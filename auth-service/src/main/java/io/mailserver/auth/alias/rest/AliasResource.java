package io.mailserver.auth.alias.rest;

import io.mailserver.auth.admin.Refusal;
import io.mailserver.auth.alias.service.AliasService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Admin API for aliases. */
@Path("/api/v1/aliases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "aliases")
public class AliasResource {

    private final AliasService aliases;

    AliasResource(AliasService aliases) {
        this.aliases = aliases;
    }

    @POST
    @Operation(summary = "Create an alias delivering to accounts here and forwarding to addresses at other domains"
            + " (400 if a target in a hosted domain is not an account)")
    public Uni<RestResponse<AliasJson>> create(AliasJson body) {
        if (body == null) {
            throw new Refusal.Invalid("body {\"address\": ..., \"targets\": [...]} required");
        }
        return aliases.create(body.address(), body.targets())
                .map(entity -> RestResponse.status(RestResponse.Status.CREATED, AliasJson.of(entity)));
    }

    @GET
    @Operation(summary = "All aliases with their targets")
    public Uni<List<AliasJson>> list() {
        return aliases.list().map(all -> all.stream().map(AliasJson::of).toList());
    }

    @DELETE
    @Path("/{address}")
    @Operation(summary = "Delete an alias")
    public Uni<RestResponse<Void>> delete(@PathParam("address") String address) {
        return aliases.delete(address).map(done -> RestResponse.noContent());
    }
}
