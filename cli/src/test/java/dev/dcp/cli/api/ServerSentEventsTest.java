package dev.dcp.cli.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerSentEventsTest {

    private static List<ServerSentEvents.Event> feed(String... lines) {
        ServerSentEvents sse = new ServerSentEvents();
        List<ServerSentEvents.Event> events = new ArrayList<>();
        for (String line : lines) {
            sse.line(line).ifPresent(events::add);
        }
        return events;
    }

    @Test
    void aBlankLineDispatchesTheEventItsFieldsDescribe() {
        assertThat(feed("event:status", "id:RUNNING-0", "data:{\"status\":\"RUNNING\"}", ""))
                .containsExactly(new ServerSentEvents.Event("status", "{\"status\":\"RUNNING\"}", "RUNNING-0"));
    }

    @Test
    void severalDataLinesJoinWithNewlinesAndOneLeadingSpaceIsDropped() {
        assertThat(feed("data: a", "data:  b", ""))
                .extracting(ServerSentEvents.Event::data)
                .containsExactly("a\n b");
    }

    @Test
    void commentsAndBlankLinesAloneDispatchNothing() {
        assertThat(feed(":keep-alive", "", "", ":another")).isEmpty();
    }

    @Test
    void anEventWithoutANameIsAMessageAndTheNameDoesNotCarryOver() {
        assertThat(feed("event: progress", "data: 1", "", "data: 2", ""))
                .extracting(ServerSentEvents.Event::name)
                .containsExactly("progress", "message");
    }
}
