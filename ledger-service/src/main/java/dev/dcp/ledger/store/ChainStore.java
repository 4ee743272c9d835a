package dev.dcp.ledger.store;

import dev.dcp.common.json.Json;
import dev.dcp.common.ledger.BlockHeader;
import dev.dcp.common.ledger.BlockSignature;
import dev.dcp.common.ledger.Transaction;
import dev.dcp.ledger.audit.StoredChain;
import dev.dcp.ledger.chain.Block;
import dev.dcp.ledger.chain.ChainTip;
import dev.dcp.ledger.chain.MoneyMovements;
import dev.dcp.ledger.chain.StoredBlock;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;

/**
 * Blocks and transactions in the ledger schema. A block, its transactions and the topic offset it consumed up to
 * are written in one database transaction, so a replica restarted at any moment resumes without gaps or duplicates.
 */
@Repository
public class ChainStore implements StoredChain {

    /** Where a committed transaction sits. */
    public record Location(Transaction transaction, long blockHeight, int index) {}

    /** An account's amounts replayed from the chain. */
    public record Balance(long balance, long escrowed, long stake) {}

    private static final TypeReference<List<BlockSignature>> SIGNATURES = new TypeReference<>() {};

    private static final RowMapper<BlockHeader> HEADER = (rs, n) -> new BlockHeader(
            rs.getLong("height"),
            rs.getString("prev_hash"),
            rs.getString("merkle_root"),
            rs.getLong("ts"),
            rs.getInt("tx_count"),
            rs.getString("proposer"),
            rs.getString("consensus"),
            rs.getInt("difficulty"),
            rs.getLong("nonce"));

    private final JdbcTemplate jdbc;

    public ChainStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<ChainTip> tip() {
        return jdbc
                .query(
                        "select height, hash, kafka_offset, committed_at from blocks order by height desc limit 1",
                        (rs, n) -> new ChainTip(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getLong(3),
                                rs.getTimestamp(4).getTime()))
                .stream()
                .findFirst();
    }

    @Transactional
    public void append(Block block, long kafkaOffset) {
        BlockHeader h = block.header();
        jdbc.update(
                """
                insert into blocks (height, hash, prev_hash, merkle_root, ts, tx_count, proposer, consensus,
                                    difficulty, nonce, signatures, kafka_offset)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                h.height(),
                block.hash(),
                h.prevHash(),
                h.merkleRoot(),
                h.timestamp(),
                h.txCount(),
                h.proposer(),
                h.consensus(),
                h.difficulty(),
                h.nonce(),
                Json.write(block.signatures()),
                kafkaOffset);
        List<Transaction> txs = block.transactions();
        jdbc.batchUpdate(
                "insert into transactions (id, block_height, idx, type, sender, body) values (?, ?, ?, ?, ?, ?)",
                new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement ps, int i) throws SQLException {
                        Transaction tx = txs.get(i);
                        ps.setString(1, tx.id());
                        ps.setLong(2, h.height());
                        ps.setInt(3, i);
                        ps.setString(4, tx.type());
                        ps.setString(5, tx.sender());
                        ps.setString(6, Json.write(tx));
                    }

                    @Override
                    public int getBatchSize() {
                        return txs.size();
                    }
                });
        List<Object[]> movements = new ArrayList<>();
        for (Transaction tx : txs) {
            for (MoneyMovements.Movement m : MoneyMovements.of(tx)) {
                movements.add(new Object[] {tx.id(), h.height(), m.account(), m.balance(), m.escrowed(), m.stake()});
            }
        }
        if (!movements.isEmpty()) {
            jdbc.batchUpdate(
                    "insert into movements (tx_id, block_height, account, balance, escrowed, stake) "
                            + "values (?, ?, ?, ?, ?, ?)",
                    movements);
        }
    }

    public Optional<Location> locate(String txId) {
        return jdbc
                .query(
                        "select body, block_height, idx from transactions where id = ?",
                        (rs, n) -> new Location(
                                Json.read(rs.getString(1), Transaction.class), rs.getLong(2), rs.getInt(3)),
                        txId)
                .stream()
                .findFirst();
    }

    /** The stored id column of each transaction of a block, in order: the Merkle leaves. */
    public List<String> transactionIds(long height) {
        return jdbc.queryForList(
                "select id from transactions where block_height = ? order by idx", String.class, height);
    }

    public Optional<String> hashAt(long height) {
        return jdbc.queryForList("select hash from blocks where height = ?", String.class, height).stream()
                .findFirst();
    }

    public Balance balance(String account) {
        return jdbc.queryForObject(
                "select coalesce(sum(balance), 0), coalesce(sum(escrowed), 0), "
                        + "coalesce(sum(stake), 0) from movements where account = ?",
                (rs, n) -> new Balance(rs.getLong(1), rs.getLong(2), rs.getLong(3)),
                account);
    }

    /** Every account the chain up to {@code height} has moved credits of, after {@code afterAccount}, by id. */
    public List<AccountBalance> balances(long height, String afterAccount, int limit) {
        return jdbc.query(
                "select account, sum(balance), sum(escrowed), sum(stake) from movements "
                        + "where block_height <= ? and account > ? group by account order by account limit ?",
                (rs, n) -> new AccountBalance(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)),
                height,
                afterAccount,
                limit);
    }

    public record AccountBalance(String account, long balance, long escrowed, long stake) {}

    @Override
    public List<StoredBlock> storedBlocks(long fromHeight, int limit) {
        List<StoredBlock> blocks = jdbc.query(
                "select * from blocks where height >= ? order by height limit ?",
                (rs, n) -> new StoredBlock(
                        HEADER.mapRow(rs, n),
                        rs.getString("hash"),
                        new ArrayList<>(),
                        new ArrayList<>(),
                        rs.getString("signatures")),
                fromHeight,
                limit);
        if (blocks.isEmpty()) {
            return blocks;
        }
        Map<Long, StoredBlock> byHeight = new HashMap<>();
        blocks.forEach(b -> byHeight.put(b.header().height(), b));
        jdbc.query(
                "select block_height, id, body from transactions where block_height between ? and ? "
                        + "order by block_height, idx",
                (org.springframework.jdbc.core.RowCallbackHandler) rs -> {
                    StoredBlock b = byHeight.get(rs.getLong(1));
                    b.txIds().add(rs.getString(2));
                    b.txBodies().add(rs.getString(3));
                },
                blocks.get(0).header().height(),
                blocks.get(blocks.size() - 1).header().height());
        return blocks;
    }

    /** Which of these transaction ids are already in a block. */
    public Set<String> committedAmong(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return jdbc.execute((java.sql.Connection c) -> {
            Array array = c.createArrayOf("varchar", ids.toArray());
            try (var ps = c.prepareStatement("select id from transactions where id = any (?)")) {
                ps.setArray(1, array);
                Set<String> found = new HashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
                return found;
            }
        });
    }

    public List<BlockHeader> headers(long fromHeight, int limit) {
        return jdbc.query("select * from blocks where height >= ? order by height limit ?", HEADER, fromHeight, limit);
    }

    public Optional<Block> block(long height) {
        List<Block> found = jdbc.query(
                "select * from blocks where height = ?",
                (rs, n) -> new Block(HEADER.mapRow(rs, n), rs.getString("hash"), null, signatures(rs)),
                height);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Block b = found.get(0);
        List<Transaction> txs = jdbc.query(
                "select body from transactions where block_height = ? order by idx",
                (rs, n) -> Json.read(rs.getString(1), Transaction.class),
                height);
        return Optional.of(new Block(b.header(), b.hash(), txs, b.signatures()));
    }

    private static List<BlockSignature> signatures(ResultSet rs) throws SQLException {
        return Json.MAPPER.readValue(rs.getString("signatures"), SIGNATURES);
    }
}
