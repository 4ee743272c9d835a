-- what a worker offers for shards when it is enrolled; null on workers enrolled before storage was sold, whose
-- heartbeat's figure then stands alone
alter table workers add column storage_bytes bigint check (storage_bytes >= 0);
alter table workers add column price_per_gib_day bigint not null default 0 check (price_per_gib_day >= 0);

-- the admin's own storage quota for a tenant (null: the configured default)
alter table tenants add column quota_storage_bytes bigint check (quota_storage_bytes >= 0);

-- statement lines and slashes name a stored object by its CID (59 characters) where they name a job
alter table account_entries add column object varchar(80);
alter table slashes alter column job_id type varchar(80);

-- one lease per stored object: the escrow for its retention, paid out to the workers holding audited shards period
-- by period (paid_through), the rest released once, when the object is deleted or its retention ends
create table storage_leases (
    object_id         uuid primary key,
    tenant_id         varchar(36) not null references tenants (id),
    cid               varchar(80) not null,
    size              bigint      not null check (size >= 0),
    k                 int         not null check (k >= 1),
    m                 int         not null check (m >= 0),
    days              int         not null check (days >= 1),
    merkle_root       char(64)    not null,
    price_per_gib_day bigint      not null check (price_per_gib_day >= 0),
    amount            bigint      not null check (amount >= 0),
    paid              bigint      not null default 0,
    released          bigint      not null default 0,
    status            varchar(16) not null check (status in ('HELD', 'CLOSED')),
    stored_at         timestamptz not null,
    paid_through      timestamptz not null,
    closed_at         timestamptz,
    close_reason      varchar(16),
    check (paid + released <= amount)
);
create index storage_leases_held_by_tenant on storage_leases (tenant_id) where status = 'HELD';
