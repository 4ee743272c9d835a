-- what each money transaction did to each account: replaying the chain, kept as a table
create table movements (
    tx_id        char(64)     not null references transactions (id),
    block_height bigint       not null,
    account      varchar(128) not null,
    balance      bigint       not null,
    escrowed     bigint       not null,
    stake        bigint       not null
);
create index movements_by_account on movements (account);
