-- stake lock and per-tenant quota overrides (null: the configured default)
alter table tenants add column stake_locked_until timestamptz;
alter table tenants add column quota_concurrent_jobs int;
alter table tenants add column quota_subtasks_per_minute int;

-- a provider's enrolled worker keys; the id is derived from the key, as the worker derives its own
create table workers (
    id                   varchar(64) primary key,
    provider_id          varchar(36) not null references tenants (id),
    public_key           char(64)    not null unique,
    slots                int         not null,
    price_per_cpu_second bigint      not null check (price_per_cpu_second >= 0),
    consecutive_valid    bigint      not null default 0,
    accepted             bigint      not null default 0,
    rejected             bigint      not null default 0,
    enrolled_at          timestamptz not null
);
create index workers_by_provider on workers (provider_id);

-- one escrow per admitted job: HELD until the job's settlement, then SETTLED, exactly once
create table escrows (
    job_id     varchar(36) primary key,
    tenant_id  varchar(36) not null references tenants (id),
    amount     bigint      not null check (amount >= 0),
    subtasks   int         not null,
    status     varchar(16) not null check (status in ('HELD', 'SETTLED')),
    outcome    varchar(16),
    paid       bigint      not null default 0,
    released   bigint      not null default 0,
    created_at timestamptz not null,
    settled_at timestamptz,
    check (paid + released <= amount)
);
create index escrows_held_by_tenant on escrows (tenant_id) where status = 'HELD';

-- one slash per outvoted replica: a redelivered event finds its row and does nothing
create table slashes (
    replica_id  varchar(36) primary key,
    job_id      varchar(36) not null,
    worker_id   varchar(64) not null,
    provider_id varchar(36) not null,
    amount      bigint      not null,
    at          timestamptz not null
);
