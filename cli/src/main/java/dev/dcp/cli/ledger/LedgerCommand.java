package dev.dcp.cli.ledger;

import dev.dcp.cli.ApiCommand;
import dev.dcp.cli.CommandGroup;
import dev.dcp.cli.Dcp;
import dev.dcp.cli.PageOptions;
import dev.dcp.cli.Session;
import dev.dcp.cli.api.ApiClient;
import dev.dcp.cli.output.Printer;
import dev.dcp.cli.output.Printer.Column;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The chain, read-only for any key. */
@Command(
        name = "ledger",
        mixinStandardHelpOptions = true,
        description =
                "Read the chain: its status, blocks, a transaction with its proof checked here, the server's verify.",
        subcommands = {
            LedgerCommand.Status.class,
            LedgerCommand.Blocks.class,
            LedgerCommand.Block.class,
            LedgerCommand.Tx.class,
            LedgerCommand.Verify.class
        })
public final class LedgerCommand extends CommandGroup {

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description = "Height, last hash, consensus, validators.")
    static final class Status extends ApiCommand {

        @Override
        protected int run(ApiClient api, Printer printer, Session session) {
            printer.resource(api.get("/api/v1/ledger/status"));
            return Dcp.DONE;
        }
    }

    @Command(name = "blocks", mixinStandardHelpOptions = true, description = "Block headers, ascending height.")
    static final class Blocks extends ApiCommand {

        @Option(names = "--from", description = "The first height (default 0).")
        Long from;

        @Mixin
        PageOptions page;

        @Override
        protected int run(ApiClient api, Printer printer, Session session) {
            printer.page(
                    api.get(ApiClient.path("/api/v1/ledger/blocks", ApiClient.query(page.query("from", from)))),
                    List.of(
                            Column.of("HEIGHT", "height"),
                            Column.of("HASH", "hash"),
                            Column.of("TXS", "txCount"),
                            Column.of("CONSENSUS", "consensus"),
                            Column.of("TIMESTAMP", "timestamp")));
            return Dcp.DONE;
        }
    }

    @Command(
            name = "block",
            mixinStandardHelpOptions = true,
            description = "One block: header, transactions, signatures.")
    static final class Block extends ApiCommand {

        @Parameters(paramLabel = "N", description = "The block's height.")
        long height;

        @Override
        protected int run(ApiClient api, Printer printer, Session session) {
            Map<String, Object> block = api.get("/api/v1/ledger/blocks/" + height);
            if (printer.json()) {
                printer.printJson(block);
                return Dcp.DONE;
            }
            Map<String, Object> header = new LinkedHashMap<>(block);
            header.remove("transactions");
            header.remove("signatures");
            printer.fields(header);
            printer.out().println();
            printer.table(
                    Printer.items(block.get("transactions")),
                    List.of(Column.of("TRANSACTION", "id"), Column.of("TYPE", "type"), Column.of("NONCE", "nonce")));
            printer.out().println();
            printer.table(
                    Printer.items(block.get("signatures")),
                    List.of(Column.of("VALIDATOR", "validator"), Column.of("PUBLIC KEY", "publicKey")));
            return Dcp.DONE;
        }
    }

    @Command(
            name = "tx",
            mixinStandardHelpOptions = true,
            description =
                    "A transaction, with its id, signature and inclusion proof checked on this machine against its"
                            + " block; exit 1 if any check fails.")
    static final class Tx extends ApiCommand {

        @Parameters(paramLabel = "ID", description = "The transaction's id (64 hex digits).")
        String id;

        @Override
        protected int run(ApiClient api, Printer printer, Session session) {
            if (!id.matches("[0-9a-f]{64}")) {
                throw new picocli.CommandLine.ParameterException(
                        spec.commandLine(), "'" + id + "' is not a transaction id");
            }
            Map<String, Object> answer = api.get("/api/v1/ledger/transactions/" + id);
            Map<String, Object> block = api.get("/api/v1/ledger/blocks/" + answer.get("blockHeight"));
            InclusionCheck.Outcome outcome = InclusionCheck.check(id, answer, block);
            if (printer.json()) {
                Map<String, Object> shown = new LinkedHashMap<>(answer);
                shown.put(
                        "verification",
                        Map.of(
                                "verified", outcome.verified(),
                                "passed", outcome.passed(),
                                "failed", outcome.failed()));
                printer.printJson(shown);
            } else {
                Map<?, ?> tx = (Map<?, ?>) answer.get("transaction");
                var out = printer.out();
                out.println("transaction " + id);
                out.println("  type:    " + tx.get("type"));
                out.println("  payload: " + Printer.text(tx.get("payload")));
                out.println("  sender:  " + tx.get("sender"));
                out.println("  block:   " + answer.get("blockHeight") + ", index " + answer.get("index"));
                outcome.passed().forEach(p -> out.println("  ok      " + p));
                outcome.failed().forEach(f -> out.println("  FAILED  " + f));
                out.println(
                        outcome.verified()
                                ? "proof verified on this machine: the transaction is in block "
                                        + answer.get("blockHeight")
                                : "proof NOT verified");
                out.flush();
            }
            return outcome.verified() ? Dcp.DONE : Dcp.FAILED;
        }
    }

    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = "The ledger service's check of the whole chain; exit 1 if it is not valid.")
    static final class Verify extends ApiCommand {

        @Override
        protected int run(ApiClient api, Printer printer, Session session) {
            Map<String, Object> result = api.get("/api/v1/ledger/verify");
            printer.resource(result);
            return Boolean.TRUE.equals(result.get("valid")) ? Dcp.DONE : Dcp.FAILED;
        }
    }
}
