-- Metering: a job pays for the work its replicas agreed on, bounded by what the scheduler computes itself.
-- work_bound: the most one answer to the subtask can be paid for (built-in kinds: the cost of the input; wasm: the
-- gas limit); null for subtasks stored before metering, which are then bounded by their agreed work alone.
alter table subtasks add column work_bound bigint;
-- work: the units each accepted answer to the subtask is paid for: the agreed work, capped by work_bound.
alter table subtasks add column work bigint;
-- the work an answer claimed (inside its hashed output), kept beside the reported cpu_millis for the listing
alter table replicas add column work bigint;
-- the units paid for and the reported CPU time of the accepted answers, summed, once the job is settled
alter table jobs add column work bigint not null default 0;
alter table jobs add column cpu_millis bigint not null default 0;
