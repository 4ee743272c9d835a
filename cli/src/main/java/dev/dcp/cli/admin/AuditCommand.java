package dev.dcp.cli.admin;

import dev.dcp.cli.ApiCommand;
import dev.dcp.cli.Dcp;
import dev.dcp.cli.Session;
import dev.dcp.cli.api.ApiClient;
import dev.dcp.cli.output.Printer;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "The credit audit (admin): are credits conserved, and do the accounts match the chain's replay?"
                + " Exit 1 if credits are not conserved.")
public final class AuditCommand extends ApiCommand {

    @Override
    protected int run(ApiClient api, Printer printer, Session session) {
        Map<String, Object> audit = api.get("/api/v1/audit/credits");
        printer.resource(audit);
        // accounts and the chain's replay may differ for a moment while transactions are pending: only the
        // conservation of credits decides
        return Boolean.TRUE.equals(audit.get("conserved")) ? Dcp.DONE : Dcp.FAILED;
    }
}
