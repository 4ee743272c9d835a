package dev.dcp.scheduler.kind;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.common.web.ProblemException.FieldError;
import dev.dcp.scheduler.split.GuidedSplitter;
import dev.dcp.scheduler.split.Splitter;
import dev.dcp.scheduler.split.StaticSplitter;
import dev.dcp.scheduler.split.WeightedSplitter;
import java.util.List;
import java.util.Map;

/** What the kinds' tests check over and over. */
final class KindAssertions {

    /** One splitter per strategy, weighted with uneven capacities. */
    static final List<Splitter> SPLITTERS =
            List.of(new StaticSplitter(), new GuidedSplitter(), new WeightedSplitter(List.of(8, 1, 3)));

    private KindAssertions() {}

    static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    /** The subtasks' [fromField, toField) ranges follow each other from {@code from} to {@code to}, none empty. */
    static void assertCovers(List<Map<String, Object>> subtasks, String fromField, String toField, long from, long to) {
        assertThat(subtasks).isNotEmpty();
        long expected = from;
        for (Map<String, Object> s : subtasks) {
            long start = ((Number) s.get(fromField)).longValue();
            long end = ((Number) s.get(toField)).longValue();
            assertThat(start).as("start of %s", s).isEqualTo(expected);
            assertThat(end).as("end of %s", s).isGreaterThan(start);
            expected = end;
        }
        assertThat(expected).as("end of the last subtask").isEqualTo(to);
    }
}
