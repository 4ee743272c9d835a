package dev.dcp.worker;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param id          the worker's name; derived from its public key when empty
 * @param key         the Ed25519 private key in hex; generated into {@code dataDir} when empty
 * @param dataDir     where a generated key is kept, so the worker keeps its identity across restarts
 * @param slots       how many subtasks it runs at once (one consumer each)
 * @param heartbeat   how often it tells the scheduler it is alive and what it is running
 * @param prefetch    subtasks taken per poll and slot: many tiny subtasks then share one broker round trip and one
 *                    wait for their answers to be acknowledged (what is not started within the batch budget goes back)
 * @param batchBudget after this long on one batch, the subtasks not yet started are handed back to the queue
 * @param resultLinger answers are signed and sent together: while they keep coming, at most one batch leaves per
 *                     this long; after a quiet spell an answer leaves as soon as no slot is computing
 * @param forgeOutputs a fault to inject, for tests of verification and slashing: every answer is wrong (a field is
 *                     added to its output) while correctly signed, as a cheating worker's would be. Never set it
 *                     on a worker whose provider wants to keep its stake.
 * @param inflateCpu  a fault to inject, for tests of metering: the CPU time reported is this many times the real one
 *                    (1, the default, is honest). Reported time moves no credits, so this gains nothing.
 * @param inflateWork a fault to inject, for tests of metering: the work reported is this many times the real one (1 is
 *                    honest). The work is under the output hash, so such answers disagree with honest ones.
 * @param storageBytes the disk space offered for other people's shards, under {@code dataDir}/shards (0: none)
 * @param enrolment   optional self-enrolment: with a gateway and a provider's API key the worker enrols its own key at
 *                    start-up, as autoscaled workers whose keys nobody knows beforehand must
 */
@ConfigurationProperties("dcp.worker")
public record WorkerProperties(
        String id,
        String key,
        @DefaultValue("data/worker") String dataDir,
        @DefaultValue("2") int slots,
        @DefaultValue("1s") Duration heartbeat,
        @DefaultValue("256") int prefetch,
        @DefaultValue("5s") Duration batchBudget,
        @DefaultValue("10ms") Duration resultLinger,
        @DefaultValue("false") boolean forgeOutputs,
        @DefaultValue("1") long inflateCpu,
        @DefaultValue("1") long inflateWork,
        @DefaultValue("0") long storageBytes,
        @DefaultValue Enrolment enrolment) {

    /**
     * @param gatewayUrl        the platform's gateway; empty means the worker's key is enrolled some other way
     * @param providerKey       the API key of the provider the worker works for
     * @param pricePerCpuSecond the price it offers, in micro-credits per CPU-second
     * @param pricePerGiBDay    the price it asks for keeping shards, in micro-credits per GiB-day (offered with
     *                          {@code storage-bytes})
     */
    public record Enrolment(
            String gatewayUrl,
            String providerKey,
            @DefaultValue("10000") long pricePerCpuSecond,
            @DefaultValue("1000000") long pricePerGiBDay) {

        public boolean enabled() {
            return gatewayUrl != null && !gatewayUrl.isBlank();
        }
    }
}
