package dev.dcp.cli.account;

import dev.dcp.cli.ApiCommand;
import dev.dcp.cli.Dcp;
import dev.dcp.cli.Session;
import dev.dcp.cli.api.ApiClient;
import dev.dcp.cli.output.Printer;
import dev.dcp.cli.output.Printer.Column;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "statement",
        mixinStandardHelpOptions = true,
        description = "The account's movements, newest first: each one a transaction on the chain.")
public final class StatementCommand extends ApiCommand {

    @Option(names = "--limit", description = "At most this many (default 50, at most 500).")
    Integer limit;

    @Option(names = "--cursor", description = "The next page, as the previous page's nextCursor.")
    String cursor;

    @Override
    protected int run(ApiClient api, Printer printer, Session session) {
        printer.page(
                api.get(ApiClient.path(
                        "/api/v1/accounts/me/statement", ApiClient.query("limit", limit, "cursor", cursor))),
                List.of(
                        Column.of("AT", "at"),
                        Column.of("TYPE", "type"),
                        new Column("AMOUNT", s -> Printer.credits(s.get("amount"))),
                        Column.of("JOB", "jobId"),
                        Column.of("TRANSACTION", "transactionId")));
        return Dcp.DONE;
    }
}
