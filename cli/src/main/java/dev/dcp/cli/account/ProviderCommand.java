package dev.dcp.cli.account;

import dev.dcp.cli.ApiCommand;
import dev.dcp.cli.CommandGroup;
import dev.dcp.cli.Dcp;
import dev.dcp.cli.Session;
import dev.dcp.cli.api.ApiClient;
import dev.dcp.cli.output.Printer;
import dev.dcp.cli.output.Printer.Column;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** A provider's own business: its stake and the worker keys it vouches for. */
@Command(
        name = "provider",
        mixinStandardHelpOptions = true,
        description = "A provider's stake and enrolled workers.",
        subcommands = {
            ProviderCommand.Stake.class,
            ProviderCommand.Unbond.class,
            ProviderCommand.Enrol.class,
            ProviderCommand.Workers.class
        })
public final class ProviderCommand extends CommandGroup {

    @Command(
            name = "stake",
            mixinStandardHelpOptions = true,
            description = "Lock credits as stake for a number of days.")
    static final class Stake extends ApiCommand {

        @Option(names = "--amount", required = true, paramLabel = "MICRO", description = "Micro-credits to stake.")
        long amount;

        @Option(names = "--lock-days", required = true, description = "Days the stake stays locked (1–3650).")
        int lockDays;

        @Override
        protected int run(ApiClient api, Printer printer, Session session) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("amount", amount);
            body.put("lockDays", lockDays);
            printer.resource(api.post("/api/v1/providers/me/stake", body));
            return Dcp.DONE;
        }
    }

    @Command(name = "unbond", mixinStandardHelpOptions = true, description = "Take stake back once its lock has ended.")
    static final class Unbond extends ApiCommand {

        @Option(names = "--amount", required = true, paramLabel = "MICRO", description = "Micro-credits to unbond.")
        long amount;

        @Override
        protected int run(ApiClient api, Printer printer, Session session) {
            printer.resource(api.post("/api/v1/providers/me/unbond", Map.of("amount", amount)));
            return Dcp.DONE;
        }
    }

    @Command(name = "enrol", mixinStandardHelpOptions = true, description = "Enrol a worker's Ed25519 public key.")
    static final class Enrol extends ApiCommand {

        @Option(names = "--public-key", required = true, paramLabel = "HEX", description = "The worker's raw key, hex.")
        String publicKey;

        @Option(names = "--slots", required = true, description = "How many subtasks the worker runs at once.")
        int slots;

        @Option(
                names = "--price-per-cpu-second",
                required = true,
                paramLabel = "MICRO",
                description = "The worker's price in micro-credits per reference CPU-second.")
        long pricePerCpuSecond;

        @Override
        protected int run(ApiClient api, Printer printer, Session session) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("publicKey", publicKey);
            body.put("slots", slots);
            body.put("pricePerCpuSecond", pricePerCpuSecond);
            printer.resource(api.post("/api/v1/providers/me/workers", body));
            return Dcp.DONE;
        }
    }

    @Command(name = "workers", mixinStandardHelpOptions = true, description = "The worker keys this provider enrolled.")
    static final class Workers extends ApiCommand {

        @Override
        protected int run(ApiClient api, Printer printer, Session session) {
            printer.page(
                    api.get("/api/v1/providers/me/workers"),
                    List.of(
                            Column.of("WORKER", "workerId"),
                            Column.of("PUBLIC KEY", "publicKey"),
                            Column.of("SLOTS", "slots"),
                            new Column("PRICE/CPU-S", w -> Printer.credits(w.get("pricePerCpuSecond")))));
            return Dcp.DONE;
        }
    }
}
