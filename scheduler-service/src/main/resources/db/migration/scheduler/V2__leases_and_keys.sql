-- A replica's lease runs from when a worker starts it (reported in heartbeats), not from when it was queued:
-- a long queue must not make waiting replicas look lost.
alter table replicas add column started_at timestamptz;
alter table replicas add column worker_key char(64);
create index replicas_by_job_verdict on replicas (job_id) where verdict = 'PENDING';
create index outbox_by_key on outbox (msg_key);
