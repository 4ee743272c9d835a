package dev.dcp.cli.account;

import dev.dcp.cli.ApiCommand;
import dev.dcp.cli.Dcp;
import dev.dcp.cli.PageOptions;
import dev.dcp.cli.Session;
import dev.dcp.cli.api.ApiClient;
import dev.dcp.cli.output.Printer;
import dev.dcp.cli.output.Printer.Column;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "statement",
        mixinStandardHelpOptions = true,
        description = "The account's movements, newest first: each one a transaction on the chain.")
public final class StatementCommand extends ApiCommand {

    @Mixin
    PageOptions page;

    @Override
    protected int run(ApiClient api, Printer printer, Session session) {
        printer.page(
                api.get(ApiClient.path("/api/v1/accounts/me/statement", ApiClient.query(page.query()))),
                List.of(
                        Column.of("AT", "at"),
                        Column.of("TYPE", "type"),
                        new Column("AMOUNT", s -> Printer.credits(s.get("amount"))),
                        Column.of("JOB", "jobId"),
                        Column.of("TRANSACTION", "transactionId")));
        return Dcp.DONE;
    }
}
