package dev.dcp.cli.output;

import dev.dcp.common.json.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a command prints: with {@code --json} the API's own answer, pretty-printed, and nothing else on standard
 * output; otherwise a table or a list of fields for people.
 */
public final class Printer {

    private final PrintWriter out;
    private final boolean json;

    public Printer(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    public boolean json() {
        return json;
    }

    public PrintWriter out() {
        return out;
    }

    /** The API's amounts, micro-credits, which people read in credits. */
    static final java.util.Set<String> AMOUNTS =
            java.util.Set.of("balance", "escrowed", "stake", "amount", "cost", "deposits", "slashed", "held");

    /** The answer as JSON, or each of its fields on a line of its own, amounts in credits. */
    public void resource(Map<String, Object> answer) {
        if (json) {
            printJson(answer);
            return;
        }
        Map<String, Object> shown = new java.util.LinkedHashMap<>(answer);
        shown.replaceAll((name, value) -> AMOUNTS.contains(name) && value instanceof Number ? credits(value) : value);
        fields(shown);
    }

    /** A page of items as a table of the named columns, or the whole page as JSON. */
    public void page(Map<String, Object> page, List<Column> columns) {
        if (json) {
            printJson(page);
            return;
        }
        List<Map<String, Object>> items = items(page.get("items"));
        table(items, columns);
        if (page.get("nextCursor") != null) {
            out.println("more: --cursor " + page.get("nextCursor"));
        }
        out.flush();
    }

    public void printJson(Object value) {
        out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value));
        out.flush();
    }

    public void fields(Map<String, Object> answer) {
        int width = answer.keySet().stream().mapToInt(String::length).max().orElse(0);
        answer.forEach((name, value) -> out.println(pad(name + ":", width + 1) + " " + text(value)));
        out.flush();
    }

    public void table(List<Map<String, Object>> items, List<Column> columns) {
        List<String[]> rows = new ArrayList<>();
        rows.add(columns.stream().map(Column::header).toArray(String[]::new));
        for (Map<String, Object> item : items) {
            rows.add(columns.stream().map(c -> c.value().apply(item)).toArray(String[]::new));
        }
        int[] widths = new int[columns.size()];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : pad(row[i], widths[i] + 2));
            }
            out.println(line.toString().stripTrailing());
        }
        if (items.isEmpty()) {
            out.println("(none)");
        }
        out.flush();
    }

    /** A column: its header and how an item's cell is written. */
    public record Column(String header, Function<Map<String, Object>, String> value) {

        public static Column of(String header, String field) {
            return new Column(header, item -> text(item.get(field)));
        }
    }

    /** A value as people read it: text bare, null as a dash, structures as compact JSON. */
    public static String text(Object value) {
        if (value == null) {
            return "-";
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            return Json.write(value);
        }
        return value.toString();
    }

    /** Micro-credits as credits, with all six decimals: amounts are exact. */
    public static String credits(Object micro) {
        if (!(micro instanceof Number n)) {
            return text(micro);
        }
        long v = n.longValue();
        String sign = v < 0 ? "-" : "";
        long abs = Math.abs(v);
        return sign + (abs / 1_000_000) + "." + String.format("%06d", abs % 1_000_000);
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> items(Object list) {
        List<Map<String, Object>> items = new ArrayList<>();
        if (list instanceof List<?> l) {
            for (Object o : l) {
                items.add((Map<String, Object>) o);
            }
        }
        return items;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
