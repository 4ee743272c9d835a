package dev.dcp.cli.object;

import dev.dcp.cli.ApiCommand;
import dev.dcp.cli.Dcp;
import dev.dcp.cli.PathSegment;
import dev.dcp.cli.Session;
import dev.dcp.cli.api.ApiClient;
import dev.dcp.cli.output.Printer;
import dev.dcp.common.crypto.Hashes;
import dev.dcp.common.storage.ContentId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Fetches an object into a file. The bytes go to {@code FILE.part} first; a later run with the same output carries
 * on from where that file ends (a {@code Range} request, valid only for the same object), so a broken download is
 * resumed rather than repeated. The file is renamed into place only once its bytes hash to the CID asked for.
 */
@Command(
        name = "get",
        mixinStandardHelpOptions = true,
        description = "Fetch an object into a file, resuming a broken download, and check its bytes against the CID.")
public final class GetCommand extends ApiCommand {

    @Parameters(paramLabel = "CID", description = "The object's content address (bafkrei…).")
    String cid;

    @Option(
            names = {"-o", "--output"},
            required = true,
            paramLabel = "FILE",
            description = "Where to write it.")
    Path output;

    @Override
    protected int run(ApiClient api, Printer printer, Session session) {
        String path = "/api/v1/objects/" + PathSegment.checked(spec, cid, "CID");
        Path partial = output.resolveSibling(output.getFileName() + ".part");
        try {
            long have = Files.exists(partial) ? Files.size(partial) : 0;
            HttpResponse<InputStream> response = api.download(path, have, "\"" + cid + "\"");
            long received = 0;
            try (InputStream in = response.body()) {
                if (response.statusCode() == 200) {
                    have = 0; // the whole object: what was there before is replaced
                }
                if (response.statusCode() != 416) {
                    long total = have
                            + response.headers()
                                    .firstValueAsLong("Content-Length")
                                    .orElse(0);
                    TransferBar bar = new TransferBar(session, total);
                    try (OutputStream out = Files.newOutputStream(
                            partial,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE,
                            have > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
                        byte[] buffer = new byte[256 * 1024];
                        for (int n; (n = in.read(buffer)) > 0; ) {
                            out.write(buffer, 0, n);
                            received += n;
                            bar.at(have + received);
                        }
                    }
                    bar.finish(have + received);
                }
            }
            String got = contentId(partial);
            if (!got.equals(cid)) {
                Files.delete(partial);
                session.err()
                        .println("error: the bytes received hash to " + got + ", not " + cid
                                + "; nothing was kept, run the command again");
                return Dcp.FAILED;
            }
            Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING);
            long size = Files.size(output);
            if (printer.json()) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("cid", cid);
                result.put("size", size);
                result.put("file", output.toString());
                result.put("resumedFrom", have);
                printer.printJson(result);
            } else {
                printer.out()
                        .println(output + ": " + size + " bytes, " + cid
                                + (have > 0 ? " (resumed at byte " + have + ")" : ""));
            }
            return Dcp.DONE;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String contentId(Path file) throws IOException {
        MessageDigest sha = Hashes.sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[256 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return ContentId.ofSha256(sha.digest()).toString();
    }
}
