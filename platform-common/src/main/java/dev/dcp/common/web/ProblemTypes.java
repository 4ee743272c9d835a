package dev.dcp.common.web;

import java.net.URI;
import java.util.Locale;

/**
 * The {@code type} of a problem document: a URN named after its title ({@code urn:dcp:problem:insufficient-credits}),
 * so clients can tell problems apart by a stable identifier rather than by parsing the detail text.
 */
public final class ProblemTypes {

    private ProblemTypes() {}

    public static URI of(String title) {
        String slug = title == null
                ? "error"
                : title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return URI.create("urn:dcp:problem:" + (slug.isEmpty() ? "error" : slug));
    }
}
