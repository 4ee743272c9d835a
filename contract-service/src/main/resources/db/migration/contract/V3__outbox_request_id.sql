-- the X-Request-Id of the request that wrote a message; the relay sends it as a Kafka record header, so that one
-- id finds a request's whole path in the logs
alter table outbox add column request_id varchar(128);
