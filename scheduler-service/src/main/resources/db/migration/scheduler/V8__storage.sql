-- what each worker offers for shards and holds now, from its heartbeats
alter table workers add column storage_bytes bigint not null default 0;
alter table workers add column stored_bytes bigint not null default 0;

-- an object is written as UPLOADING while its bytes stream in (its cid is known only at the end) and becomes
-- STORED in one update once every shard is receipted; only STORED objects are listed, read or billed. An upload
-- that stops (client gone, scheduler crashed) stays UPLOADING and is swept: its shards deleted, its rows removed.
create table stored_objects (
    id           uuid primary key,
    tenant_id    varchar(128) not null,
    cid          varchar(64),
    status       varchar(16)  not null,
    size         bigint       not null default 0,
    segment_size int          not null,
    k            int          not null,
    m            int          not null,
    segments     int          not null default 0,
    merkle_root  char(64),
    wrapped_key  bytea        not null,
    days         int          not null,
    started_at   timestamptz  not null,
    touched_at   timestamptz  not null,
    stored_at    timestamptz
);
create unique index stored_objects_tenant_cid on stored_objects (tenant_id, cid) where status = 'STORED';
create index stored_objects_uploading on stored_objects (touched_at) where status <> 'STORED';
create index stored_objects_tenant_list on stored_objects (tenant_id, stored_at, id) where status = 'STORED';

-- one row per shard: where it is, the RFC 6962 root of its bytes (recorded when the worker receipted it) and the
-- last verdict on it
create table shard_placements (
    object_id  uuid         not null references stored_objects (id) on delete cascade,
    segment    int          not null,
    shard      int          not null,
    shard_id   varchar(80)  not null unique,
    worker_id  varchar(128) not null,
    length     int          not null,
    root       char(64)     not null,
    verdict    varchar(16)  not null,
    last_audit timestamptz,
    primary key (object_id, segment, shard)
);
create index shard_placements_worker on shard_placements (worker_id);
