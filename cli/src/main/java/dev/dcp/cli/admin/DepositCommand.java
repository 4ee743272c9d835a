package dev.dcp.cli.admin;

import dev.dcp.cli.ApiCommand;
import dev.dcp.cli.Dcp;
import dev.dcp.cli.PathSegment;
import dev.dcp.cli.Session;
import dev.dcp.cli.api.ApiClient;
import dev.dcp.cli.output.Printer;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "deposit",
        mixinStandardHelpOptions = true,
        description = "Credit a tenant's account (admin); the deposit is a transaction on the chain.")
public final class DepositCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "TENANT_ID", description = "The tenant's id.")
    String tenantId;

    @Parameters(index = "1", paramLabel = "AMOUNT", description = "Micro-credits (1 credit = 1000000).")
    long amount;

    @Override
    protected int run(ApiClient api, Printer printer, Session session) {
        String id = PathSegment.checked(spec, tenantId, "tenant id");
        printer.resource(api.post("/api/v1/tenants/" + id + "/deposits", Map.of("amount", amount)));
        return Dcp.DONE;
    }
}
