package io.mailserver.auth.dkim.rest;

import io.mailserver.auth.admin.Refusal;
import io.mailserver.auth.dkim.service.DkimKeyService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admin API: the TXT record that publishes a domain's DKIM key. */
@Path("/api/v1/domains/{name}/dkim")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "domains")
public class DkimResource {

    /**
     * What to publish: {@code name} IN TXT {@code record}.
     *
     * @param name the owner name, {@code <selector>._domainkey.<domain>}
     */
    public record DkimRecordJson(String domain, String selector, String algorithm, String name, String record) {
    }

    private final DkimKeyService keys;

    DkimResource(DkimKeyService keys) {
        this.keys = keys;
    }

    @GET
    @Operation(summary = "The domain's DKIM key as the TXT record to publish (made now if it has none; 404 if not hosted)")
    public Uni<DkimRecordJson> show(@PathParam("name") String name) {
        return keys.keyOf(name).map(key -> {
            if (key == null) {
                throw new Refusal.NotFound("no domain " + name);
            }
            String domain = name.toLowerCase(Locale.ROOT);
            return new DkimRecordJson(domain, key.selector, key.algorithm, key.selector + "._domainkey." + domain, key.dnsRecord);
        });
    }
}
