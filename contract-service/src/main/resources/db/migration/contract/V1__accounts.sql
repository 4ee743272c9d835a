create table tenants (
    id           varchar(36) primary key,
    name         varchar(200) not null,
    role         varchar(16)  not null check (role in ('consumer', 'provider')),
    api_key_hash char(64)     not null unique,
    balance      bigint       not null default 0 check (balance >= 0),
    escrowed     bigint       not null default 0 check (escrowed >= 0),
    stake        bigint       not null default 0 check (stake >= 0),
    reputation   double precision not null default 1.0,
    created_at   timestamptz  not null
);

create table account_entries (
    seq            bigserial primary key,
    tenant_id      varchar(36) not null references tenants (id),
    transaction_id char(64)    not null,
    type           varchar(32) not null,
    amount         bigint      not null,
    job_id         varchar(36),
    at             timestamptz not null
);
create index account_entries_by_tenant on account_entries (tenant_id, seq desc);

create table outbox (
    id         bigserial primary key,
    topic      varchar(128) not null,
    msg_key    varchar(256),
    payload    text         not null,
    created_at timestamptz  not null default now()
);
