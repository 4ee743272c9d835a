package dev.dcp.cli.object;

import dev.dcp.cli.ApiCommand;
import dev.dcp.cli.Dcp;
import dev.dcp.cli.Session;
import dev.dcp.cli.api.ApiClient;
import dev.dcp.cli.output.Printer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "put",
        mixinStandardHelpOptions = true,
        description = "Store a file as an object on providers' workers and print its CID (--json: the whole resource).")
public final class PutCommand extends ApiCommand {

    @Parameters(paramLabel = "FILE", description = "The file to store.")
    Path file;

    @Option(names = "--days", description = "How long to keep it (default: the platform's, 30).")
    Integer days;

    @Option(names = "--k", description = "Data shards per segment (default 2).")
    Integer k;

    @Option(names = "--m", description = "Parity shards per segment: that many workers may be lost (default 1).")
    Integer m;

    @Override
    protected int run(ApiClient api, Printer printer, Session session) {
        if (!Files.isRegularFile(file)) {
            session.err().println("error: " + file + " is not a file");
            return Dcp.USAGE;
        }
        long size = file.toFile().length();
        TransferBar bar = new TransferBar(session, size);
        Map<String, Object> stored = api.upload(
                ApiClient.path("/api/v1/objects", ApiClient.query("days", days, "k", k, "m", m)), file, bar::at);
        bar.finish(size);
        if (printer.json()) {
            printer.printJson(stored);
        } else {
            printer.out().println(stored.get("cid"));
        }
        return Dcp.DONE;
    }
}
