package dev.dcp.cli.job;

import dev.dcp.cli.ApiCommand;
import dev.dcp.cli.Dcp;
import dev.dcp.cli.PathSegment;
import dev.dcp.cli.Session;
import dev.dcp.cli.api.ApiClient;
import dev.dcp.cli.output.Printer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "subtasks",
        mixinStandardHelpOptions = true,
        description =
                "A job's subtasks and their replicas: which worker answered what, the verdicts, work and CPU time.")
public final class SubtasksCommand extends ApiCommand {

    @Parameters(paramLabel = "ID", description = "The job's id.")
    String id;

    @Override
    protected int run(ApiClient api, Printer printer, Session session) {
        Map<String, Object> answer = api.get("/api/v1/jobs/" + PathSegment.checked(spec, id, "job id") + "/subtasks");
        if (printer.json()) {
            printer.printJson(answer);
            return Dcp.DONE;
        }
        // one row per replica, under its subtask: the verdicts are what people look for
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> subtask : Printer.items(answer.get("items"))) {
            List<Map<String, Object>> replicas = Printer.items(subtask.get("replicas"));
            if (replicas.isEmpty()) {
                replicas = List.of(Map.of());
            }
            boolean first = true;
            for (Map<String, Object> replica : replicas) {
                Map<String, Object> row = new LinkedHashMap<>(replica);
                row.put("index", first ? subtask.get("index") : "");
                row.put("status", first ? subtask.get("status") : "");
                row.put("attempts", first ? subtask.get("attempts") : "");
                rows.add(row);
                first = false;
            }
        }
        printer.table(
                rows,
                List.of(
                        Printer.Column.of("SUBTASK", "index"),
                        Printer.Column.of("STATUS", "status"),
                        Printer.Column.of("ATTEMPTS", "attempts"),
                        Printer.Column.of("WORKER", "workerId"),
                        Printer.Column.of("VERDICT", "verdict"),
                        new Printer.Column(
                                "OUTPUT",
                                r -> r.get("outputHash") instanceof String h && h.length() > 16
                                        ? h.substring(0, 16) + "…"
                                        : Printer.text(r.get("outputHash"))),
                        Printer.Column.of("WORK", "work"),
                        Printer.Column.of("CPU MS", "cpuMillis")));
        return Dcp.DONE;
    }
}
