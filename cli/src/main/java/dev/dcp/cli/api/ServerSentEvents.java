package dev.dcp.cli.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The text/event-stream format, line by line (the WHATWG rules the console's reader follows too): fields
 * {@code event}, {@code data} (several join with newlines) and {@code id}; a blank line ends an event; lines
 * starting with a colon are comments (the service's keep-alives).
 */
public final class ServerSentEvents {

    /** One dispatched event; {@code name} is "message" when the stream names none. */
    public record Event(String name, String data, String id) {}

    private String name;
    private final List<String> data = new ArrayList<>();
    private String id;

    /** Feeds one line (without its line ending); answers the event that a blank line completes. */
    public Optional<Event> line(String line) {
        if (line.isEmpty()) {
            if (data.isEmpty() && name == null) {
                return Optional.empty();
            }
            Event e = new Event(name == null ? "message" : name, String.join("\n", data), id);
            name = null;
            data.clear();
            return Optional.of(e);
        }
        if (line.startsWith(":")) {
            return Optional.empty();
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> name = value;
            case "data" -> data.add(value);
            case "id" -> id = value;
            default -> {
                // retry and unknown fields: nothing a reader of job progress needs
            }
        }
        return Optional.empty();
    }
}
