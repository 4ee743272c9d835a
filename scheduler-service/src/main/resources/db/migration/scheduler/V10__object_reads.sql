-- Which worker a replica's read of a stored object was given to: the object's key goes to that worker only.
create table object_reads (
    replica_id varchar(36) primary key,
    worker_id  varchar(80) not null,
    object_id  uuid        not null,
    granted_at timestamptz not null
);
