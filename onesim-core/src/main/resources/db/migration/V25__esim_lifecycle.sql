-- V25: after the sale (issue 18) and the notices it drives (issue 19); docs/lifecycle.md.
--
-- * Each allocated order is one eSIM: its live state (esim/smdp status), data (total, used,
--   remaining) and expiry are kept on the order, so the order's own RLS decides who sees them: the
--   partner for its customers, the consumer for itself. Only the backend writes them.
-- * provider_events: every provider webhook delivery, stored before it is answered (unique
--   notify_id), applied by a worker that claims with SKIP LOCKED; applying and marking are one
--   transaction. Nothing about deliveries is kept in memory.
-- * esim_alerts: lifecycle alerts, once per eSIM and threshold (unique order/kind/ref): data low at
--   each configured percent, about to expire, expired, installed, top-up applied. Inserting one
--   emits the partner's webhook event in the same transaction, and it is the traveller-notice
--   outbox (notice_status), honouring the customer's opt-out and delivery method.
-- * private.read_only_for: the RLS setup of a table API roles only read (one place for it now).

alter table public.orders
  add column if not exists smdp_status varchar(32),
  add column if not exists data_total_bytes bigint,
  add column if not exists data_used_bytes bigint,
  add column if not exists data_remaining_bytes bigint
    generated always as (greatest(data_total_bytes - data_used_bytes, 0)) stored,
  add column if not exists expires_at timestamptz,
  add column if not exists installed_at timestamptz,
  add column if not exists usage_updated_at timestamptz;
create index if not exists idx_orders_usage_due on public.orders (usage_updated_at nulls first, id)
  where order_status = 'ALLOCATED' and esim_tran_no is not null;

-- A traveller may opt out of lifecycle notices (installation details are still sent): the partner
-- sets it for its customer, a consumer for itself.
alter table public.partner_customers add column if not exists notices_opt_out boolean not null default false;
alter table public.profiles add column if not exists notices_opt_out boolean not null default false;
drop trigger if exists trg_profiles_guard on public.profiles;
create trigger trg_profiles_guard before update on public.profiles
  for each row execute function private.guard_columns('first_name', 'last_name', 'phone', 'avatar_url', 'notices_opt_out');
drop trigger if exists trg_partner_customers_guard on public.partner_customers;
create trigger trg_partner_customers_guard before update on public.partner_customers
  for each row execute function private.guard_columns('first_name', 'last_name', 'email', 'phone', 'notes', 'tags',
    'notices_opt_out');

-- A table API roles may only read, rows chosen by p_using; the backend (service_role) writes.
create or replace function private.read_only_for(p_table regclass, p_using text) returns void
language plpgsql
set search_path = ''
as $$
declare
  v_policy text := pg_catalog.replace(p_table::text, 'public.', '') || '_select';
begin
  execute pg_catalog.format('alter table %s enable row level security', p_table);
  execute pg_catalog.format('revoke all on %s from public, anon, authenticated', p_table);
  execute pg_catalog.format('grant select on %s to authenticated', p_table);
  execute pg_catalog.format('grant all on %s to service_role', p_table);
  execute pg_catalog.format('drop policy if exists %I on %s', v_policy, p_table);
  execute pg_catalog.format('create policy %I on %s for select to authenticated using (%s)', v_policy, p_table, p_using);
end
$$;
revoke all on function private.read_only_for(regclass, text) from public;

-- ---------------------------------------------------------------- provider webhook deliveries
create table if not exists public.provider_events (
  id bigint generated always as identity primary key,
  notify_id varchar(128) unique,
  notify_type varchar(32) not null,
  esim_tran_no varchar(32),
  order_no varchar(32),
  payload jsonb not null check (pg_catalog.jsonb_typeof(payload) = 'object'),
  received_at timestamptz not null default now(),
  status varchar(16) not null default 'pending' check (status in ('pending', 'applied', 'failed')),
  attempts integer not null default 0,
  worker varchar(64),
  lease_until timestamptz,
  applied_at timestamptz,
  outcome varchar(32),
  last_error text
);
create index if not exists idx_provider_events_pending on public.provider_events (id) where status = 'pending';
select private.read_only_for('public.provider_events', '(select private.is_admin())');
grant usage on sequence public.provider_events_id_seq to service_role;

-- ---------------------------------------------------------------- lifecycle alerts / notice outbox
create table if not exists public.esim_alerts (
  id uuid primary key default gen_random_uuid(),
  order_id uuid not null references public.orders (id),
  partner_id uuid references public.partners (id),
  user_id uuid,
  kind varchar(24) not null check (kind in ('usage_low', 'expiring', 'expired', 'installed', 'topup_applied')),
  ref varchar(64) not null default '',
  details jsonb not null default '{}' check (pg_catalog.jsonb_typeof(details) = 'object'),
  created_at timestamptz not null default now(),
  notice_status varchar(16) not null default 'pending' check (notice_status in ('pending', 'sent', 'skipped', 'failed')),
  notice_attempts integer not null default 0,
  notice_worker varchar(64),
  notice_lease_until timestamptz,
  notice_channel varchar(16),
  notice_error text,
  noticed_at timestamptz,
  unique (order_id, kind, ref)
);
create index if not exists idx_esim_alerts_partner on public.esim_alerts (partner_id, created_at desc);
create index if not exists idx_esim_alerts_user on public.esim_alerts (user_id, created_at desc);
create index if not exists idx_esim_alerts_notice_due on public.esim_alerts (created_at) where notice_status = 'pending';
select private.read_only_for('public.esim_alerts',
  '(select private.is_admin()) or partner_id = (select private.current_partner_id()) or (partner_id is null and user_id = (select auth.uid()))');

-- The partner's webhook event for an alert, in the alert's own transaction. Installed is for the
-- partner's system only, never a traveller notice.
create or replace function private.esim_alert_events() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_type text := case new.kind when 'usage_low' then 'esim.usage_low' when 'expiring' then 'esim.expiring'
                               when 'installed' then 'esim.installed' when 'topup_applied' then 'topup.applied' end;
begin
  if new.partner_id is not null and v_type is not null then
    perform private.emit_partner_event(new.partner_id, v_type, pg_catalog.jsonb_build_object(
      'order_id', new.order_id, 'alert', new.kind, 'threshold', new.ref) || new.details);
  end if;
  return null;
end
$$;
revoke all on function private.esim_alert_events() from public;
drop trigger if exists trg_esim_alerts_events on public.esim_alerts;
create trigger trg_esim_alerts_events after insert on public.esim_alerts
  for each row execute function private.esim_alert_events();

-- Partners may subscribe to the lifecycle events too.
alter table public.webhook_endpoints drop constraint if exists webhook_endpoints_events_check;
select private.add_constraint_if_missing('public.webhook_endpoints', 'webhook_endpoints_events_known',
  $c$check (pg_catalog.cardinality(events) > 0 and events <@ array['order.allocated', 'order.failed', 'order.cancelled',
    'balance.low', 'esim.installed', 'esim.usage_low', 'esim.expiring', 'topup.applied']::text[])$c$);

-- Delivery health per partner (issue 19): its webhook deliveries, traveller deliveries and notices —
-- pending, failed, the last error. RLS of each table applies (security_invoker): a partner sees its
-- own row, admins every partner's.
create or replace view public.v_delivery_health
with (security_invoker = true) as
select p.id as partner_id, p.company_name,
       (select count(*) from public.webhook_deliveries d where d.partner_id = p.id and d.status = 'pending') as webhooks_pending,
       (select count(*) from public.webhook_deliveries d where d.partner_id = p.id and d.status = 'failed') as webhooks_failed,
       (select max(d.delivered_at) from public.webhook_deliveries d where d.partner_id = p.id) as webhook_last_delivered_at,
       (select d.last_error from public.webhook_deliveries d where d.partner_id = p.id and d.last_error is not null
        order by d.created_at desc, d.id limit 1) as webhook_last_error,
       (select count(*) from public.delivery_attempts a where a.partner_id = p.id and a.outcome <> 'sent'
          and a.attempted_at > now() - interval '1 day') as traveller_failures_24h,
       (select a.channel || ': ' || a.outcome from public.delivery_attempts a where a.partner_id = p.id and a.outcome <> 'sent'
        order by a.attempted_at desc, a.id desc limit 1) as traveller_last_error,
       (select count(*) from public.esim_alerts e where e.partner_id = p.id and e.notice_status = 'pending') as notices_pending,
       (select count(*) from public.esim_alerts e where e.partner_id = p.id and e.notice_status = 'failed') as notices_failed
from public.partners p;
revoke all on public.v_delivery_health from public, anon;
grant select on public.v_delivery_health to authenticated, service_role;

insert into private.column_decisions (table_name, column_name, decision)
select 'orders', c, 'backend' from pg_catalog.unnest(array['smdp_status', 'data_total_bytes', 'data_used_bytes',
  'expires_at', 'installed_at', 'usage_updated_at']) c
union all select 'orders', 'data_remaining_bytes', 'computed'
union all select 'partner_customers', 'notices_opt_out', 'client'
union all select 'profiles', 'notices_opt_out', 'client'
union all select 'provider_events', c, 'backend' from pg_catalog.unnest(array['notify_id', 'notify_type', 'esim_tran_no',
  'order_no', 'payload', 'received_at', 'status', 'attempts', 'worker', 'lease_until', 'applied_at', 'outcome', 'last_error']) c
union all select 'provider_events', 'id', 'computed'
union all select 'esim_alerts', c, 'backend' from pg_catalog.unnest(array['order_id', 'partner_id', 'user_id', 'kind', 'ref',
  'details', 'notice_status', 'notice_attempts', 'notice_worker', 'notice_lease_until', 'notice_channel', 'notice_error',
  'noticed_at']) c
union all select 'esim_alerts', c, 'computed' from pg_catalog.unnest(array['id', 'created_at']) c
on conflict (table_name, column_name) do update set decision = excluded.decision;
select private.apply_column_decisions();

-- The API functions of this migration live in R__api_lifecycle.sql.
