-- what contract-service escrowed for a stored object, and how far its providers have been paid: the period
-- payments start from here (contract-service keeps the exact account and refuses to pay a span twice)
alter table stored_objects add column escrowed bigint not null default 0;
alter table stored_objects add column paid_through timestamptz;
create index stored_objects_payment_due on stored_objects (paid_through) where status = 'STORED';
