package dev.dcp.scheduler.split;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The split strategies a job may ask for, by name. */
public final class Splitters {

    public static final String DEFAULT = "static";

    /** In the order they are listed to users. */
    public static final Set<String> STRATEGIES =
            Collections.unmodifiableSet(new LinkedHashSet<>(List.of("static", "guided", "weighted")));

    private Splitters() {}

    /**
     * The splitter for {@code strategy} (null means {@value #DEFAULT}); {@code capacities} are the slots of the live
     * workers, used by {@code weighted} only.
     *
     * @throws IllegalArgumentException for a strategy not in {@link #STRATEGIES}
     */
    public static Splitter forStrategy(String strategy, List<Integer> capacities) {
        String name = strategy == null ? DEFAULT : strategy;
        return switch (name) {
            case "static" -> new StaticSplitter();
            case "guided" -> new GuidedSplitter();
            case "weighted" -> new WeightedSplitter(capacities == null ? List.of() : capacities);
            default ->
                throw new IllegalArgumentException("unknown split strategy " + strategy + "; known: " + STRATEGIES);
        };
    }
}
