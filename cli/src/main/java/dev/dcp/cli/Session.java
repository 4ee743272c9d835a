package dev.dcp.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;

/**
 * What one run of the CLI has from its surroundings: the environment, standard output and error, whether the
 * error stream is a terminal (a live progress bar) or a pipe (plain lines), and the clock.
 */
public record Session(Map<String, String> env, PrintWriter out, PrintWriter err, boolean terminal, Clock clock) {}
