package io.mailserver.auth.domain.rest;

import io.mailserver.auth.admin.Refusal;
import io.mailserver.auth.domain.service.DomainService;
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

/** Admin API for hosted domains. */
@Path("/api/v1/domains")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "domains")
public class DomainResource {

    private final DomainService domains;

    DomainResource(DomainService domains) {
        this.domains = domains;
    }

    @POST
    @Operation(summary = "Host a domain (409 if it exists, 400 if the name is not a valid domain)")
    public Uni<RestResponse<DomainJson>> add(NewDomain body) {
        if (body == null) {
            throw new Refusal.Invalid("body {\"name\": ...} required");
        }
        return domains.add(body.name()).map(entity -> RestResponse.status(RestResponse.Status.CREATED, DomainJson.of(entity)));
    }

    @GET
    @Operation(summary = "All hosted domains, by name")
    public Uni<List<DomainJson>> list() {
        return domains.list().map(all -> all.stream().map(DomainJson::of).toList());
    }

    @DELETE
    @Path("/{name}")
    @Operation(summary = "Stop hosting an empty domain (409 while it has accounts or aliases)")
    public Uni<RestResponse<Void>> remove(@PathParam("name") String name) {
        return domains.remove(name).map(done -> RestResponse.noContent());
    }
}
