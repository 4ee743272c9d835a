package dev.dcp.cli.config;

import dev.dcp.cli.ApiCommand;
import dev.dcp.cli.Dcp;
import dev.dcp.cli.Session;
import dev.dcp.cli.api.ApiClient;
import dev.dcp.cli.output.Printer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * Saves the URL and key after checking them with one call, so that a typo is found now and not at the next
 * command: the ledger's status answers any valid key.
 */
@Command(
        name = "login",
        mixinStandardHelpOptions = true,
        description = "Check a URL and API key against the API and save them (mode 0600) for the next commands.")
public final class LoginCommand extends ApiCommand {

    @Override
    protected int run(ApiClient api, Printer printer, Session session) {
        ClientSettings settings = ClientSettings.resolve(url(), key(), session.env());
        if (settings.key() == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--key KEY is required");
        }
        api.get("/api/v1/ledger/status"); // 401 for a wrong key: nothing is saved
        Path file = ClientSettings.file(session.env());
        settings.save(file);
        Map<String, Object> saved = new LinkedHashMap<>();
        saved.put("url", settings.url());
        saved.put("config", file.toString());
        if (printer.json()) {
            printer.printJson(saved);
        } else {
            printer.out().println("logged in to " + settings.url() + "; saved in " + file);
            printer.out().flush();
        }
        return Dcp.DONE;
    }
}
