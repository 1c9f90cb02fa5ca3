-- API functions: operations — what an on-call engineer and a health check ask the database.
-- Repeatable (Flyway runs it after every versioned migration and again whenever it changes): the
-- current definition of each API function lives in one R__api_* file (docs/architecture.md).

-- The schema version Flyway recorded, or null when the files were run by hand (psql, the CLI).
-- Definer: the history schema is not the API roles'.
create or replace function private.schema_version() returns text
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_version text;
begin
  if pg_catalog.to_regclass('flyway.flyway_schema_history') is not null then
    execute 'select version from flyway.flyway_schema_history where success and version is not null
             order by installed_rank desc limit 1' into v_version;
  end if;
  return v_version;
end
$$;
revoke all on function private.schema_version() from public;
grant execute on function private.schema_version() to service_role;

-- One round trip with every figure OneSimBackend.health() reports from the database: the schema
-- version Flyway recorded (null when the files were run by hand), the oldest paid shop or partner
-- order still waiting for its eSIM, and the backlogs of the outboxes. Each count uses a partial
-- index, so it stays cheap however large the history grows (docs/operations.md).
create or replace function public.backend_health()
returns jsonb
language plpgsql stable
security invoker
set search_path = ''
as $$
begin
  return pg_catalog.jsonb_build_object(
    'checked_at', pg_catalog.now(),
    'schema_version', private.schema_version(),
    'oldest_unfulfilled_paid_at', (select pg_catalog.min(o.created_at) from public.orders o
                                   where o.order_status in ('PENDING', 'PROCESSING') and o.payment_status = 'paid'),
    'orders_processing', (select pg_catalog.count(*) from public.orders o where o.order_status = 'PROCESSING'),
    'provider_events_pending', (select pg_catalog.count(*) from public.provider_events e where e.status = 'pending'),
    'partner_webhooks_pending', (select pg_catalog.count(*) from public.webhook_deliveries d where d.status = 'pending'),
    'partner_webhooks_failed', (select pg_catalog.count(*) from public.webhook_deliveries d where d.status = 'failed'),
    'notices_pending', (select pg_catalog.count(*) from public.esim_alerts a where a.notice_status = 'pending'),
    'topups_pending', (select pg_catalog.count(*) from public.topups t where t.status = 'pending' and t.payment_status = 'paid'),
    'topups_needs_review', (select pg_catalog.count(*) from public.topups t where t.status = 'needs_review'),
    'orders_needs_review', (select pg_catalog.count(*) from public.orders o where o.review_since is not null));
end
$$;
revoke all on function public.backend_health() from public, anon, authenticated;
grant execute on function public.backend_health() to service_role;
