package dev.dcp.cli.account;

import dev.dcp.cli.ApiCommand;
import dev.dcp.cli.Dcp;
import dev.dcp.cli.Session;
import dev.dcp.cli.api.ApiClient;
import dev.dcp.cli.output.Printer;
import picocli.CommandLine.Command;

@Command(
        name = "account",
        mixinStandardHelpOptions = true,
        description = "The key's account: balance, escrow, stake, reputation and quota (amounts in credits).")
public final class AccountCommand extends ApiCommand {

    @Override
    protected int run(ApiClient api, Printer printer, Session session) {
        printer.resource(api.get("/api/v1/accounts/me"));
        return Dcp.DONE;
    }
}
