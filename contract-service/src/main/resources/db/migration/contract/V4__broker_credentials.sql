-- A provider's broker credential for its workers: only the fact that one was issued and whether it still holds.
-- The password itself is shown once; the broker keeps it salted and hashed (SCRAM), nobody keeps it in clear.
create table broker_credentials (
    provider_id    varchar(36)  primary key references tenants (id),
    username       varchar(64)  not null unique,
    status         varchar(16)  not null check (status in ('ACTIVE', 'REVOKED')),
    issued_at      timestamptz  not null,
    revoked_at     timestamptz,
    revoked_reason varchar(200)
);
