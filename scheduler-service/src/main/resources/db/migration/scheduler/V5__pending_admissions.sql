-- A job between its admission (escrow locked at contract-service) and the commit that stores it. A row left
-- behind by a crash in between is the sweeper's: it has the escrow released, so no credits stay locked for a
-- job that does not exist.
create table pending_admissions (
    job_id     varchar(36) primary key,
    tenant_id  varchar(36) not null,
    created_at timestamptz not null
);
