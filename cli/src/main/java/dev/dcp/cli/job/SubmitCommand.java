package dev.dcp.cli.job;

import dev.dcp.cli.ApiCommand;
import dev.dcp.cli.Dcp;
import dev.dcp.cli.Session;
import dev.dcp.cli.api.ApiClient;
import dev.dcp.cli.output.Printer;
import dev.dcp.common.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** Submits a job; its inputs are options named after the kind's input fields ({@code dcp submit primes --from 0 --to 1000000}). */
@Command(
        name = "submit",
        mixinStandardHelpOptions = true,
        description = {
            "Submit a job of a kind (primes, montecarlo-pi, matmul, hashcash, wordcount, wasm; `GET /api/v1/kinds`"
                    + " lists each kind's inputs).",
            "Inputs are options named after the input's fields, or --input NAME=VALUE, or a whole spec in --spec."
        })
public final class SubmitCommand extends ApiCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "KIND", description = "The job's kind (or the spec's).")
    String kind;

    @Option(
            names = "--spec",
            paramLabel = "FILE",
            description = "A JSON job spec; the options below replace its fields.")
    Path specFile;

    @Option(names = "--from", description = "input.from: the start of the range, included.")
    Long from;

    @Option(names = "--to", description = "input.to: the end of the range, excluded.")
    Long to;

    @Option(names = "--samples", description = "input.samples (montecarlo-pi).")
    Long samples;

    @Option(names = "--seed", description = "input.seed (montecarlo-pi, matmul).")
    Long seed;

    @Option(names = "--n", description = "input.n: the matrices are n × n (matmul).")
    Long n;

    @Option(names = "--prefix", description = "input.prefix (hashcash).")
    String prefix;

    @Option(names = "--difficulty", description = "input.difficulty: leading zero bits (hashcash).")
    Long difficulty;

    @Option(names = "--text", description = "input.text (wordcount).")
    String text;

    @Option(names = "--text-file", paramLabel = "FILE", description = "input.text read from a UTF-8 file (wordcount).")
    Path textFile;

    @Option(
            names = "--object",
            paramLabel = "CID",
            description = "input.object: a stored object's CID, from dcp put (wordcount).")
    String object;

    @Option(names = "--module", paramLabel = "FILE", description = "input.module: a .wasm file, sent as base64 (wasm).")
    Path module;

    @Option(names = "--function", description = "input.function: the exported function to call (wasm).")
    String function;

    @Option(names = "--combine", description = "input.combine: sum, min or max (wasm).")
    String combine;

    @Option(names = "--input", paramLabel = "NAME=VALUE", description = "Any input field; a JSON value or text.")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--parallelism", description = "How many subtasks to split the job into.")
    Integer parallelism;

    @Option(names = "--redundancy", description = "How many distinct workers must agree on each subtask.")
    Integer redundancy;

    @Option(names = "--strategy", description = "How to split: static, guided or weighted.")
    String strategy;

    @Option(
            names = "--max-credits",
            paramLabel = "MICRO",
            description = "The most the job may cost, in micro-credits (held in escrow).")
    Long maxCredits;

    @Option(names = "--adaptive", description = "Let trusted workers' answers stand alone (adaptive replication).")
    Boolean adaptive;

    @Option(names = "--watch", description = "Follow the job to its end with a live progress bar; exit 1 if it fails.")
    boolean watch;

    @Override
    protected int run(ApiClient api, Printer printer, Session session) {
        Map<String, Object> spec = JobSpec.build(readSpec(), kind, inputs(), options());
        if (spec.get("kind") == null) {
            throw new ParameterException(this.spec.commandLine(), "a KIND (or a --spec with one) is required");
        }
        Map<String, Object> job = api.post("/api/v1/jobs", spec);
        String id = String.valueOf(job.get("id"));
        if (!watch) {
            JobReport.print(printer, job);
            return Dcp.DONE;
        }
        if (!printer.json()) {
            session.err().println("submitted job " + id);
        }
        return JobReport.watch(api, printer, session, id);
    }

    private Map<String, Object> readSpec() {
        if (specFile == null) {
            return Map.of();
        }
        try {
            return Json.readMap(Files.readString(specFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read --spec " + specFile + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new ParameterException(spec.commandLine(), "--spec " + specFile + " is not a JSON object");
        }
    }

    private Map<String, Object> inputs() {
        Map<String, Object> in = new LinkedHashMap<>();
        put(in, "from", from);
        put(in, "to", to);
        put(in, "samples", samples);
        put(in, "seed", seed);
        put(in, "n", n);
        put(in, "prefix", prefix);
        put(in, "difficulty", difficulty);
        put(in, "text", text);
        put(in, "object", object);
        put(in, "function", function);
        put(in, "combine", combine);
        try {
            if (textFile != null) {
                in.put("text", Files.readString(textFile, StandardCharsets.UTF_8));
            }
            if (module != null) {
                in.put("module", Base64.getEncoder().encodeToString(Files.readAllBytes(module)));
            }
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read " + e.getMessage());
        }
        for (String assignment : inputs) {
            try {
                Map.Entry<String, Object> e = JobSpec.input(assignment);
                in.put(e.getKey(), e.getValue());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--input: " + e.getMessage());
            }
        }
        return in;
    }

    private Map<String, Object> options() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("parallelism", parallelism);
        o.put("redundancy", redundancy);
        o.put("strategy", strategy);
        o.put("maxCredits", maxCredits);
        o.put("adaptive", adaptive);
        return o;
    }

    private static void put(Map<String, Object> in, String name, Object value) {
        if (value != null) {
            in.put(name, value);
        }
    }
}
