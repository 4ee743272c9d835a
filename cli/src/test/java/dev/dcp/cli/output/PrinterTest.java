package dev.dcp.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrinterTest {

    final StringWriter out = new StringWriter();

    @Test
    void microCreditsReadAsCreditsWithEveryDigitKept() {
        assertThat(Printer.credits(1_234_567L)).isEqualTo("1.234567");
        assertThat(Printer.credits(5)).isEqualTo("0.000005");
        assertThat(Printer.credits(-2_500_000)).isEqualTo("-2.500000");
        assertThat(Printer.credits(null)).isEqualTo("-");
    }

    @Test
    void aResourceShowsItsAmountsInCreditsAndItsOtherFieldsAsTheyAre() {
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("id", "t1");
        account.put("balance", 100_000_000);
        account.put("reputation", 1.0);
        new Printer(new PrintWriter(out, true), false).resource(account);
        assertThat(out.toString()).isEqualTo("id:         t1\nbalance:    100.000000\nreputation: 1.0\n");
    }

    @Test
    void withJsonTheAnswerIsPrintedUnchanged() {
        new Printer(new PrintWriter(out, true), true).resource(Map.of("balance", 100_000_000));
        assertThat(out.toString()).contains("\"balance\" : 100000000");
    }

    @Test
    void aTableAlignsItsColumnsAndSaysWhenItIsEmpty() {
        Printer printer = new Printer(new PrintWriter(out, true), false);
        printer.table(
                List.of(Map.of("id", "a", "n", 1), Map.of("id", "longer", "n", 22)),
                List.of(Printer.Column.of("ID", "id"), Printer.Column.of("N", "n")));
        assertThat(out.toString()).isEqualTo("ID      N\na       1\nlonger  22\n");
        out.getBuffer().setLength(0);
        printer.table(List.of(), List.of(Printer.Column.of("ID", "id")));
        assertThat(out.toString()).isEqualTo("ID\n(none)\n");
    }
}
