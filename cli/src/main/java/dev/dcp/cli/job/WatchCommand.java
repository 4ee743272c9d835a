package dev.dcp.cli.job;

import dev.dcp.cli.ApiCommand;
import dev.dcp.cli.PathSegment;
import dev.dcp.cli.Session;
import dev.dcp.cli.api.ApiClient;
import dev.dcp.cli.output.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "watch",
        mixinStandardHelpOptions = true,
        description = "Follow a job to its end with a live progress bar (plain lines when not on a terminal); exit 1 if"
                + " it failed or was cancelled.")
public final class WatchCommand extends ApiCommand {

    @Parameters(paramLabel = "ID", description = "The job's id.")
    String id;

    @Override
    protected int run(ApiClient api, Printer printer, Session session) {
        return JobReport.watch(api, printer, session, PathSegment.checked(spec, id, "job id"));
    }
}
