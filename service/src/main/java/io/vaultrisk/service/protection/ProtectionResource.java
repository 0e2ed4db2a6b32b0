package io.vaultrisk.service.protection;

import io.vaultrisk.service.auth.RequiresRole;
import io.vaultrisk.service.auth.Role;
import io.vaultrisk.service.support.Params;
import io.vaultrisk.service.vault.Vault;
import io.vaultrisk.service.vault.Vaults;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/vaults/{address}/protection-orders")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "vaults")
public class ProtectionResource {
    @Inject
    Vaults vaults;

    @Inject
    ProtectionDesk desk;

    @POST
    @RequiresRole(Role.EXECUTOR)
    @Operation(
            summary = "The executor brings the venue's signed put quote for the protection an urgent allocation asked "
                    + "for; the service checks it (buyer, asset, strike, expiry, amount, quoter signature, premium "
                    + "within the tolerance of its own Black–Scholes price: 422) and returns the Protection order signed "
                    + "by the risk signer")
    public Response order(@PathParam("address") String address, ProtectionDesk.OrderRequest body) {
        Vault vault = vaults.require(address);
        ProtectionDesk.SignedOrder signed = desk.order(vault, body);
        return Response.created(
                        URI.create("/api/v1/vaults/" + vault.address() + "/protection-orders?nonce=" + signed.nonce()))
                .entity(signed)
                .build();
    }

    @GET
    @Path("/request")
    @RequiresRole({Role.RISK, Role.EXECUTOR})
    @Operation(
            summary = "The protection the vault's latest urgent allocation asked for (asset, strike, expiry, coverage, "
                    + "the vol and its source), as the allocation stream carried it")
    public ProtectionDesk.Request request(@PathParam("address") String address) {
        Vault vault = vaults.require(address);
        return desk.current(vault)
                .orElseThrow(() -> io.vaultrisk.service.error.ProblemException.notFound(
                        "protection", "no urgent allocation of " + vault.address() + " has asked for protection"));
    }

    @GET
    @RequiresRole({Role.RISK, Role.EXECUTOR})
    @Operation(summary = "The Protection orders the service signed for the vault, newest first")
    public List<ProtectionDesk.SignedOrder> list(
            @PathParam("address") String address, @QueryParam("limit") String limitText) {
        int limit = Params.intIn("limit", limitText, 100, 1, 1000);
        return desk.list(vaults.require(address), limit);
    }
}
