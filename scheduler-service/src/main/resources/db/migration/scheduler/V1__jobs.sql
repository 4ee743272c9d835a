create table jobs (
    id           varchar(36) primary key,
    tenant_id    varchar(36)  not null,
    kind         varchar(32)  not null,
    status       varchar(16)  not null,
    input        text         not null,
    redundancy   int          not null,
    strategy     varchar(16)  not null,
    max_credits  bigint       not null,
    subtasks     int          not null,
    accepted     int          not null default 0,
    result       text,
    result_hash  char(64),
    cost         bigint       not null default 0,
    error        text,
    submitted_at timestamptz  not null,
    completed_at timestamptz
);
create index jobs_by_tenant on jobs (tenant_id, submitted_at desc, id desc);

create table subtasks (
    id          varchar(48) primary key,
    job_id      varchar(36) not null references jobs (id),
    idx         int         not null,
    input       text        not null,
    status      varchar(16) not null,
    attempts    int         not null default 0,
    output      text,
    output_hash char(64),
    unique (job_id, idx)
);

create table replicas (
    id            varchar(36) primary key,
    job_id        varchar(36) not null references jobs (id),
    idx           int         not null,
    worker_id     varchar(128),
    output_hash   char(64),
    output        text,
    verdict       varchar(16) not null,
    cpu_millis    bigint      not null default 0,
    dispatched_at timestamptz not null,
    lease_until   timestamptz not null,
    answered_at   timestamptz
);
create index replicas_by_subtask on replicas (job_id, idx);
create index replicas_pending_lease on replicas (lease_until) where verdict = 'PENDING' and answered_at is null;

create table workers (
    id         varchar(128) primary key,
    public_key char(64)     not null,
    slots      int          not null,
    busy_slots int          not null,
    accepted   bigint       not null default 0,
    rejected   bigint       not null default 0,
    last_seen  timestamptz  not null
);

create table outbox (
    id         bigserial primary key,
    topic      varchar(128) not null,
    msg_key    varchar(256),
    payload    text         not null,
    created_at timestamptz  not null default now()
);
