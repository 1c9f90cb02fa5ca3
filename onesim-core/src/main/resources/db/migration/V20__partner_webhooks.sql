-- V20: signed webhooks to partners' own systems (docs/webhooks.md).
--
-- * A partner registers endpoints (an https URL and the event types it wants) and gets a signing
--   secret, shown once; rotating keeps the old secret valid for an overlap window.
-- * Events are written to an outbox (webhook_events) by triggers, in the same transaction as the
--   change they report, with one delivery row per subscribed endpoint: nothing is lost between the
--   change and the delivery, and nothing is announced that did not commit.
-- * OneSIM's backend claims due deliveries (FOR UPDATE SKIP LOCKED, with a lease), signs and posts
--   them, and records every attempt; a failure is retried with exponential backoff for a day.
-- * Partners read their endpoints (never a secret), events, deliveries and attempts, and replay an
--   event to an endpoint (a new delivery; the old one keeps its history); only the backend reads
--   secrets (through its claim call).

create table if not exists public.webhook_endpoints (
  id uuid primary key default gen_random_uuid(),
  partner_id uuid not null references public.partners (id),
  url varchar(2048) not null check (url ~ '^https://[^\s]+$' or url ~ '^http://(localhost|127\.0\.0\.1)(:[0-9]+)?(/[^\s]*)?$'),
  events text[] not null check (pg_catalog.cardinality(events) > 0 and events <@ array['order.allocated', 'order.failed',
    'order.cancelled', 'balance.low']::text[]),
  active boolean not null default true,
  created_at timestamptz not null default now()
);
create index if not exists idx_webhook_endpoints_partner on public.webhook_endpoints (partner_id) where active;

-- Secrets live outside the exposed schema: no API role can read them.
create table if not exists private.webhook_secrets (
  id bigint generated always as identity primary key,
  endpoint_id uuid not null references public.webhook_endpoints (id) on delete cascade,
  secret text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz
);
create index if not exists idx_webhook_secrets_endpoint on private.webhook_secrets (endpoint_id);
revoke all on private.webhook_secrets from public, anon, authenticated, service_role;

create table if not exists public.webhook_events (
  id uuid primary key default gen_random_uuid(),
  partner_id uuid not null references public.partners (id),
  type varchar(40) not null,
  payload jsonb not null,
  created_at timestamptz not null default now()
);
create index if not exists idx_webhook_events_partner on public.webhook_events (partner_id, created_at desc);

create table if not exists public.webhook_deliveries (
  id uuid primary key default gen_random_uuid(),
  event_id uuid not null references public.webhook_events (id),
  endpoint_id uuid not null references public.webhook_endpoints (id),
  partner_id uuid not null references public.partners (id),
  status varchar(16) not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  retry_until timestamptz not null default now() + interval '1 day',
  lease_until timestamptz,
  last_status_code integer,
  last_error text,
  delivered_at timestamptz,
  created_at timestamptz not null default now()
);
create index if not exists idx_webhook_deliveries_event on public.webhook_deliveries (event_id);
create index if not exists idx_webhook_deliveries_endpoint on public.webhook_deliveries (endpoint_id, status);
create index if not exists idx_webhook_deliveries_due on public.webhook_deliveries (next_attempt_at) where status = 'pending';
create index if not exists idx_webhook_deliveries_partner on public.webhook_deliveries (partner_id, created_at desc);

create table if not exists public.webhook_attempts (
  id bigint generated always as identity primary key,
  delivery_id uuid not null references public.webhook_deliveries (id),
  partner_id uuid not null references public.partners (id),
  attempted_at timestamptz not null default now(),
  status_code integer,
  error text,
  duration_ms integer
);
create index if not exists idx_webhook_attempts_delivery on public.webhook_attempts (delivery_id, attempted_at);
create index if not exists idx_webhook_attempts_partner on public.webhook_attempts (partner_id, attempted_at desc);

-- RLS: partners read their own; admins read all; writes go through the functions below.
do $$
declare
  t text;
begin
  foreach t in array array['webhook_endpoints', 'webhook_events', 'webhook_deliveries', 'webhook_attempts'] loop
    execute pg_catalog.format('alter table public.%I enable row level security', t);
    execute pg_catalog.format('revoke all on public.%I from public, anon, authenticated', t);
    execute pg_catalog.format('grant select on public.%I to authenticated', t);
    execute pg_catalog.format('grant all on public.%I to service_role', t);
    execute pg_catalog.format('drop policy if exists %I on public.%I', t || '_select', t);
    execute pg_catalog.format('create policy %I on public.%I for select to authenticated '
      || 'using ((select private.is_admin()) or partner_id = (select private.current_partner_id()))', t || '_select', t);
  end loop;
end
$$;

insert into private.column_decisions (table_name, column_name, decision)
select 'webhook_endpoints', c, 'definer' from pg_catalog.unnest(array['id', 'partner_id', 'url', 'events']) c
union all select 'webhook_endpoints', 'active', 'client'   -- only disable_webhook_endpoint changes it (no update grant)
union all select 'webhook_endpoints', 'created_at', 'computed'
union all select 'webhook_events', c, 'definer' from pg_catalog.unnest(array['id', 'partner_id', 'type', 'payload']) c
union all select 'webhook_events', 'created_at', 'computed'
union all select 'webhook_deliveries', c, 'definer' from pg_catalog.unnest(array['id', 'event_id', 'endpoint_id', 'partner_id']) c
union all select 'webhook_deliveries', c, 'backend' from pg_catalog.unnest(array['status', 'attempts', 'next_attempt_at',
  'retry_until', 'lease_until', 'last_status_code', 'last_error', 'delivered_at']) c
union all select 'webhook_deliveries', 'created_at', 'computed'
union all select 'webhook_attempts', c, 'definer' from pg_catalog.unnest(array['delivery_id', 'partner_id', 'status_code', 'error',
  'duration_ms']) c
union all select 'webhook_attempts', c, 'computed' from pg_catalog.unnest(array['id', 'attempted_at']) c
on conflict (table_name, column_name) do update set decision = excluded.decision;
select private.apply_column_decisions();

-- ---------------------------------------------------------------- the outbox
-- Records one event for a partner and a delivery for each of its active endpoints that asked for
-- that type, in the caller's transaction.
create or replace function private.emit_partner_event(p_partner_id uuid, p_type text, p_data jsonb) returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  v_event uuid := gen_random_uuid();
begin
  if not exists (select 1 from public.webhook_endpoints e where e.partner_id = p_partner_id and e.active and p_type = any (e.events)) then
    return;   -- nobody listens: no event row either
  end if;
  insert into public.webhook_events (id, partner_id, type, payload)
  values (v_event, p_partner_id, p_type, pg_catalog.jsonb_build_object('id', v_event, 'type', p_type,
          'created_at', pg_catalog.now(), 'data', p_data));
  insert into public.webhook_deliveries (event_id, endpoint_id, partner_id)
  select v_event, e.id, p_partner_id from public.webhook_endpoints e
  where e.partner_id = p_partner_id and e.active and p_type = any (e.events);
end
$$;
revoke all on function private.emit_partner_event(uuid, text, jsonb) from public, anon, authenticated, service_role;

create or replace function private.order_events() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_type text := case new.order_status when 'ALLOCATED' then 'order.allocated' when 'FAILED' then 'order.failed'
                                       when 'CANCELLED' then 'order.cancelled' end;
begin
  if new.partner_id is null or v_type is null
     or (tg_op = 'UPDATE' and old.order_status is not distinct from new.order_status) then
    return null;
  end if;
  perform private.emit_partner_event(new.partner_id, v_type, pg_catalog.jsonb_build_object(
    'order_id', new.id, 'status', new.order_status, 'package_code', new.package_code,
    'end_customer_id', new.end_customer_id, 'customer_group_id', new.customer_group_id,
    'paid_usd', new.partner_paid_usd, 'iccid', new.iccid, 'activation_code', new.activation_code,
    'qr_code_url', new.qr_code_url, 'failure_reason', new.failure_reason));
  return null;
end
$$;
drop trigger if exists trg_orders_events on public.orders;
create trigger trg_orders_events after insert or update of order_status on public.orders
  for each row execute function private.order_events();

create or replace function private.alert_events() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if new.kind = 'balance_low' then
    perform private.emit_partner_event(new.partner_id, 'balance.low', pg_catalog.jsonb_build_object(
      'balance_usd', new.balance_usd, 'threshold_usd', new.threshold_usd));
  end if;
  return null;
end
$$;
drop trigger if exists trg_partner_alerts_events on public.partner_alerts;
create trigger trg_partner_alerts_events after insert on public.partner_alerts
  for each row execute function private.alert_events();
