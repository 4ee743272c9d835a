package dev.dcp.cli.job;

import dev.dcp.cli.ApiCommand;
import dev.dcp.cli.Dcp;
import dev.dcp.cli.PathSegment;
import dev.dcp.cli.Session;
import dev.dcp.cli.api.ApiClient;
import dev.dcp.cli.output.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "job", mixinStandardHelpOptions = true, description = "Show a job: status, progress, result, cost.")
public final class JobCommand extends ApiCommand {

    @Parameters(paramLabel = "ID", description = "The job's id.")
    String id;

    @Override
    protected int run(ApiClient api, Printer printer, Session session) {
        JobReport.print(printer, api.get("/api/v1/jobs/" + PathSegment.checked(spec, id, "job id")));
        return Dcp.DONE;
    }
}
