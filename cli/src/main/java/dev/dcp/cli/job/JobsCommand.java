package dev.dcp.cli.job;

import dev.dcp.cli.ApiCommand;
import dev.dcp.cli.Dcp;
import dev.dcp.cli.PageOptions;
import dev.dcp.cli.Session;
import dev.dcp.cli.api.ApiClient;
import dev.dcp.cli.output.Printer;
import dev.dcp.cli.output.Printer.Column;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "jobs",
        mixinStandardHelpOptions = true,
        description = "List jobs, newest first (the admin: everyone's).")
public final class JobsCommand extends ApiCommand {

    @Option(
            names = "--status",
            description = "Only jobs in this status: QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED.")
    String status;

    @Mixin
    PageOptions page;

    @Override
    protected int run(ApiClient api, Printer printer, Session session) {
        Map<String, Object> jobs =
                api.get(ApiClient.path("/api/v1/jobs", ApiClient.query(page.query("status", status))));
        printer.page(
                jobs,
                List.of(
                        Column.of("ID", "id"),
                        Column.of("KIND", "kind"),
                        Column.of("STATUS", "status"),
                        new Column(
                                "PROGRESS",
                                j -> j.get("progress") instanceof Map<?, ?> p
                                        ? p.get("accepted") + "/" + p.get("subtasks")
                                        : "-"),
                        new Column("COST", j -> Printer.credits(j.get("cost"))),
                        Column.of("SUBMITTED", "submittedAt")));
        return Dcp.DONE;
    }
}
