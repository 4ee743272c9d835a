create table blocks (
    height       bigint primary key,
    hash         char(64)    not null unique,
    prev_hash    char(64)    not null,
    merkle_root  char(64)    not null,
    ts           bigint      not null,
    tx_count     int         not null,
    proposer     varchar(64) not null,
    consensus    varchar(8)  not null,
    difficulty   int         not null,
    nonce        bigint      not null,
    signatures   text        not null,
    -- the last offset of dcp.ledger.tx this block consumed: a restarted replica resumes after it
    kafka_offset bigint      not null,
    committed_at timestamptz not null default now()
);

create table transactions (
    id           char(64) primary key,
    block_height bigint      not null references blocks (height),
    idx          int         not null,
    type         varchar(32) not null,
    sender       char(64)    not null,
    body         text        not null,
    unique (block_height, idx)
);

create table outbox (
    id         bigserial primary key,
    topic      varchar(128) not null,
    msg_key    varchar(256),
    payload    text         not null,
    created_at timestamptz  not null default now()
);
