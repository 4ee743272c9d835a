package dev.dcp.common.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dcp.common.storage.StorageRecords.ReplyHeaders;
import dev.dcp.common.storage.StorageRecords.Status;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class StorageRecordsTest {

    @Test
    void aReplysHeadersReadBackAsTheWorkerWroteThemAndCoverTheSameReceipt() {
        ReplyHeaders written = new ReplyHeaders("req-1", "obj-0-2", "w-1", Status.STORED, "ab".repeat(32), "sig");
        RecordHeaders headers = new RecordHeaders();

        written.writeTo(headers);
        ReplyHeaders read = ReplyHeaders.readFrom(headers);

        assertThat(read).isEqualTo(written);
        assertThat(read.receipt())
                .isEqualTo(StorageRecords.receipt("req-1", "obj-0-2", "w-1", Status.STORED, "ab".repeat(32)));
    }

    @Test
    void aReplyWithoutAKnownStatusIsRefused() {
        RecordHeaders none = new RecordHeaders();
        assertThatThrownBy(() -> ReplyHeaders.readFrom(none)).isInstanceOf(IllegalArgumentException.class);

        RecordHeaders odd = new RecordHeaders();
        StorageRecords.put(odd, StorageRecords.STATUS, "MAYBE");
        assertThatThrownBy(() -> ReplyHeaders.readFrom(odd)).isInstanceOf(IllegalArgumentException.class);
    }
}
