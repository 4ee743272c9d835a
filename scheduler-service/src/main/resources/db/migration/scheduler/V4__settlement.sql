-- A job that has ended waits, still RUNNING to its tenant, until contract-service has settled it: then its
-- status becomes the ending and its cost what was paid. The sweeper finds the ones a crash left waiting.
alter table jobs add column ending varchar(16);
alter table jobs add column adaptive boolean not null default false;
create index jobs_awaiting_settlement on jobs (completed_at) where ending is not null and status = 'RUNNING';
