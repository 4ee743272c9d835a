package dev.dcp.cli.worker;

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
        name = "workers",
        mixinStandardHelpOptions = true,
        description = "The platform's workers: status, slots, price, reputation and whether they may take work.")
public final class WorkersCommand extends ApiCommand {

    @Mixin
    PageOptions page;

    @Override
    protected int run(ApiClient api, Printer printer, Session session) {
        printer.page(
                api.get(ApiClient.path("/api/v1/workers", ApiClient.query(page.query()))),
                List.of(
                        Column.of("ID", "id"),
                        Column.of("PROVIDER", "providerId"),
                        Column.of("STATUS", "status"),
                        new Column("SLOTS", w -> w.get("busySlots") + "/" + w.get("slots") + " busy"),
                        new Column("PRICE/CPU-S", w -> Printer.credits(w.get("pricePerCpuSecond"))),
                        new Column(
                                "REPUTATION",
                                w -> w.get("reputation") instanceof Number r
                                        ? String.format(java.util.Locale.ROOT, "%.3f", r.doubleValue())
                                        : "-"),
                        Column.of("ACCEPTED", "accepted"),
                        Column.of("REJECTED", "rejected"),
                        Column.of("ELIGIBLE", "eligible")));
        return Dcp.DONE;
    }
}
