package dev.dcp.ledger.round;

import dev.dcp.common.ledger.BlockSignature;
import dev.dcp.common.ledger.Transaction;
import dev.dcp.ledger.block.BlockCutter;
import dev.dcp.ledger.chain.Block;
import dev.dcp.ledger.chain.ChainTip;
import dev.dcp.ledger.consensus.Sealer;
import dev.dcp.ledger.consensus.Vote;
import dev.dcp.ledger.consensus.VoteBook;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A replica's rounds, one height after another: transactions and cut markers from the ordered topic fill the next
 * block; a full or marked block is sealed, this replica votes for it, and it is committed at once under {@code solo}
 * and {@code pow}, or once the recorded votes satisfy the sealer under {@code pos} and {@code bft}. Until then
 * nothing new is cut. There is no re-proposal: a proposal without quorum waits, and is reported after
 * {@code voteTimeout}.
 *
 * <p>Plain Java and single-threaded: the ingest loop feeds it events in topic order and implements its
 * {@link RoundTransport}; time comes from the injected clock.
 */
public final class RoundStateMachine {

    private final RoundSettings settings;
    private final Sealer sealer;
    private final VoteBook votes;
    private final VoteValidator validator;
    private final Clock clock;
    private final ChainHistory history;
    private final RoundTransport transport;
    private final RoundMonitor monitor;
    private final BlockCutter cutter;
    private final RoundState state;

    public RoundStateMachine(
            RoundSettings settings,
            Sealer sealer,
            VoteBook votes,
            Clock clock,
            ChainTip tip,
            ChainHistory history,
            RoundTransport transport,
            RoundMonitor monitor) {
        this.settings = settings;
        this.sealer = sealer;
        this.votes = votes;
        this.validator = new VoteValidator(sealer.validators());
        this.clock = clock;
        this.history = history;
        this.transport = transport;
        this.monitor = monitor;
        this.cutter = new BlockCutter(settings.maxTransactions());
        this.state = new RoundState(tip);
    }

    public RoundPhase phase() {
        return state.phase(cutter.pendingCount());
    }

    /** Whether a proposal waits for its quorum: the caller holds back transactions until it is committed. */
    public boolean awaitingVotes() {
        return state.proposal() != null;
    }

    public Optional<Proposal> proposal() {
        return Optional.ofNullable(state.proposal());
    }

    public ChainTip tip() {
        return state.tip();
    }

    public int pendingCount() {
        return cutter.pendingCount();
    }

    /** The transactions waiting for the next cut, in order. */
    public List<Transaction> pendingTransactions() {
        return cutter.pending();
    }

    /** The next admissible transaction of the topic, at {@code offset}. */
    public void onTransaction(Transaction tx, long offset) {
        requireNoProposal();
        Optional<BlockCutter.Batch> batch = cutter.add(tx, offset);
        if (cutter.pendingCount() == 1) {
            state.startFilling(clock.millis());
        }
        batch.ifPresent(this::propose);
    }

    /** A cut marker of the topic, at {@code offset}: it closes the waiting block, stamped with its timestamp. */
    public void onCutMarker(long markerTimestamp, long offset) {
        requireNoProposal();
        cutter.cut(markerTimestamp, offset).ifPresent(this::propose);
    }

    /** A vote read from the vote topic: validated, recorded, and the proposal committed if it now has its quorum. */
    public VoteVerdict onVote(Vote vote) {
        ChainTip tip = state.tip();
        VoteVerdict verdict = validator.check(vote, tip.height(), votes);
        if (!verdict.accepted() || !votes.record(vote)) {
            return verdict;
        }
        if (vote.height() <= tip.height()) {
            Optional<String> committed =
                    vote.height() == tip.height() ? Optional.of(tip.hash()) : history.hashAt(vote.height());
            committed.filter(h -> !h.equals(vote.hash())).ifPresent(h -> monitor.dissent(vote, h));
        } else if (state.proposal() != null && vote.height() == state.proposal().height()) {
            tryCommit();
        }
        return verdict;
    }

    /** Time passes: a block that waited {@code maxLatency} asks for a cut, a proposal without quorum is reported. */
    public void onTick() {
        long now = clock.millis();
        Proposal p = state.proposal();
        if (p != null) {
            if (!state.quorumLateReported()
                    && now - p.proposedAt() > settings.voteTimeout().toMillis()) {
                monitor.quorumLate(p.block(), settings.voteTimeout(), votes.dissentingFrom(p.height(), p.hash()));
                state.quorumLate();
            }
            return;
        }
        if (phase() == RoundPhase.FILLING
                && now - state.fillingSince() >= settings.maxLatency().toMillis()) {
            transport.sendCutMarker(now);
            state.cutRequested();
        }
    }

    private void requireNoProposal() {
        if (state.proposal() != null) {
            throw new IllegalStateException(
                    "block " + state.proposal().height() + " is not final yet; nothing new" + " is cut before it is");
        }
    }

    private void propose(BlockCutter.Batch batch) {
        List<Transaction> content = settings.alterTransactions() ? alter(batch.transactions()) : batch.transactions();
        ChainTip tip = state.tip();
        long height = tip.height() + 1;
        Block block = BlockCreator.next(sealer, height, tip.hash(), content, batch.timestamp());
        Vote own = Vote.cast(height, block.hash(), settings.validatorId(), settings.key());
        votes.record(own);
        if (sealer.collectsVotes()) {
            transport.sendVote(own);
        }
        state.proposed(new Proposal(block, batch.lastOffset(), clock.millis()));
        tryCommit();
    }

    private void tryCommit() {
        Proposal p = state.proposal();
        Block b = p.block();
        Optional<List<BlockSignature>> signatures =
                sealer.commitWith(b.header(), b.hash(), votes.signaturesFor(p.height(), b.hash()));
        if (signatures.isEmpty()) {
            return;
        }
        Block committed = new Block(b.header(), b.hash(), b.transactions(), signatures.get());
        transport.commit(committed, p.lastOffset());
        long h = p.height();
        state.committed(new ChainTip(h, b.hash(), p.lastOffset(), clock.millis()));
        for (Vote dissent : votes.dissentingFrom(h, b.hash())) {
            monitor.dissent(dissent, b.hash());
        }
        votes.forgetBelow(h - VoteValidator.WINDOW);
    }

    /** The fault a Byzantine replica is tested with: its block differs from what the topic says. */
    private static List<Transaction> alter(List<Transaction> txs) {
        List<Transaction> out = new ArrayList<>(txs);
        Transaction first = out.get(0);
        Map<String, Object> payload = new HashMap<>(first.payload());
        payload.put("altered", true);
        // the content changes and so does its id (a lie about the id would be caught even sooner); the sender's
        // signature no longer matches, which an honest replica would have checked
        String id = Transaction.computeId(first.type(), payload, first.sender(), first.nonce(), first.timestamp());
        out.set(
                0,
                new Transaction(
                        id,
                        first.type(),
                        payload,
                        first.sender(),
                        first.nonce(),
                        first.timestamp(),
                        first.signature()));
        return out;
    }
}
