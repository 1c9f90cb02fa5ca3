-- V16: money comes in before an eSIM goes out (docs/money.md, "Payments").
--
-- * Every order has a payment state: awaiting_payment -> paid -> refunded, or expired. Fulfilment
--   claims paid orders only.
-- * Shop (B2C) orders are paid through OneSIM's payment provider; the backend confirms with one
--   service-only call (confirm_payment) carrying the provider's reference, the amount and the
--   currency, which must equal the orders' price in that currency. The same reference twice is a
--   no-op; a refund records the provider's refund reference.
-- * Partners pay from a prepaid USD balance plus an optional credit limit. partner_ledger is
--   append-only (no role updates or deletes a row); the balance is its sum, kept on partners by
--   the ledger's own trigger. Every partner purchase debits the balance in the same transaction as
--   its orders, one ledger row per order, all or nothing; not enough balance + credit is a typed
--   error (insufficient_balance) and nothing is written. A failed or cancelled paid order is
--   credited back exactly once.
-- * Unpaid orders expire (expire_unpaid_orders) and leave no earnings.

-- ---------------------------------------------------------------- a decision for definer-written tables
alter table private.column_decisions drop constraint if exists column_decisions_decision_check;
alter table private.column_decisions add constraint column_decisions_decision_check
  check (decision in ('client', 'client_insert', 'fixed', 'admin', 'backend', 'computed', 'definer'));

create or replace function private.writable_decisions(p_insert boolean) returns text[]
language sql stable
set search_path = ''
as $$
  select case
    when not private.is_api_role() then array['client', 'client_insert', 'fixed', 'admin', 'backend', 'computed', 'definer']
    when private.is_backend() then
      case when p_insert then array['client', 'client_insert', 'fixed', 'admin', 'backend', 'definer']
           else array['client', 'client_insert', 'admin', 'backend'] end
    when private.is_admin() then
      case when p_insert then array['client', 'client_insert', 'fixed', 'admin', 'definer']
           else array['client', 'client_insert', 'admin'] end
    else
      case when p_insert then array['client', 'client_insert', 'fixed', 'definer']
           else array['client'] end
  end
$$;
-- 'definer': written only by our SECURITY DEFINER functions on insert (RLS gives API roles no write
-- policy on such a table), never changed afterwards.

-- ---------------------------------------------------------------- orders: payment state
alter table public.orders add column if not exists payment_status varchar(20) not null default 'paid';
alter table public.orders alter column payment_status set default 'awaiting_payment';  -- existing orders count as paid
alter table public.orders
  add column if not exists paid_at timestamptz,
  add column if not exists payment_reference varchar(128);
select private.add_constraint_if_missing('public.orders', 'orders_payment_status_known',
  $c$check (payment_status in ('awaiting_payment', 'paid', 'refunded', 'expired'))$c$);
create index if not exists idx_orders_claimable on public.orders (created_at) where order_status = 'PENDING' and payment_status = 'paid';
create index if not exists idx_orders_awaiting_payment on public.orders (created_at) where payment_status = 'awaiting_payment';

insert into private.column_decisions (table_name, column_name, decision) values
  ('orders', 'payment_status', 'backend'), ('orders', 'paid_at', 'backend'), ('orders', 'payment_reference', 'backend')
on conflict (table_name, column_name) do update set decision = excluded.decision;

-- Fulfilment claims paid orders only.
create or replace function public.claim_pending_orders(p_worker text, p_limit integer default 100, p_lease_seconds integer default 120)
returns setof public.orders
language sql
security invoker
set search_path = ''
as $$
  update public.orders o
  set fulfilment_worker = p_worker,
      fulfilment_lease_until = pg_catalog.now() + pg_catalog.make_interval(secs => p_lease_seconds)
  where o.id in (
    select c.id from public.orders c
    where c.order_status = 'PENDING' and c.payment_status = 'paid'
      and (c.fulfilment_lease_until is null or c.fulfilment_lease_until < pg_catalog.now())
    order by c.created_at, c.id
    limit least(greatest(p_limit, 1), 1000)
    for update skip locked)
  returning o.*
$$;

-- ---------------------------------------------------------------- shop payments (B2C)
create table if not exists public.payments (
  id bigint generated always as identity primary key,
  provider varchar(40) not null,
  reference varchar(128) not null,
  amount numeric(18, 2) not null,
  currency varchar(3) not null check (currency in ('USD', 'UZS')),
  order_ids uuid[] not null,
  confirmed_at timestamptz not null default now(),
  refund_reference varchar(128),
  refunded_at timestamptz,
  unique (provider, reference)
);
alter table public.payments enable row level security;
revoke all on public.payments from public, anon, authenticated;
grant all on public.payments to service_role;
drop policy if exists payments_admin_select on public.payments;
create policy payments_admin_select on public.payments for select to authenticated using ((select private.is_admin()));
grant select on public.payments to authenticated;
insert into private.column_decisions (table_name, column_name, decision) values
  ('payments', 'id', 'computed'), ('payments', 'provider', 'backend'), ('payments', 'reference', 'backend'),
  ('payments', 'amount', 'backend'), ('payments', 'currency', 'backend'), ('payments', 'order_ids', 'backend'),
  ('payments', 'confirmed_at', 'backend'), ('payments', 'refund_reference', 'backend'), ('payments', 'refunded_at', 'backend')
on conflict (table_name, column_name) do update set decision = excluded.decision;

-- The backend confirms a payment for orders awaiting it. The amount must equal their total in
-- that currency (price_usd or price_uzs); the same provider reference again returns the same
-- orders and changes nothing.
create or replace function public.confirm_payment(p_order_ids uuid[], p_provider text, p_reference text, p_amount numeric,
  p_currency text)
returns setof public.orders
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_known public.payments%rowtype;
  v_total numeric;
  v_count integer;
begin
  if not private.is_backend() then
    perform private.fail('403', 'backend_only', 'payments are confirmed by OneSIM''s backend', null);
  end if;
  if p_provider is null or p_reference is null or pg_catalog.btrim(p_reference) = '' then
    perform private.fail('400', 'required', 'the payment provider and its reference are required', 'reference');
  end if;
  if p_currency is null or p_currency not in ('USD', 'UZS') then
    perform private.fail('400', 'unknown_currency', 'currency is USD or UZS', 'currency');
  end if;
  if p_amount is null or not (p_amount > 0 and p_amount < 'Infinity'::numeric) then
    perform private.fail('400', 'invalid_amount', 'the amount must be a positive number', 'amount');
  end if;
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended(p_provider || '/' || p_reference, 0));
  select * into v_known from public.payments p where p.provider = p_provider and p.reference = p_reference;
  if found then
    if v_known.order_ids <> p_order_ids or v_known.amount <> p_amount or v_known.currency <> p_currency then
      perform private.fail('409', 'payment_reference_reused', 'this payment reference was confirmed for other orders or another amount', 'reference');
    end if;
    return query select * from public.orders o where o.id = any (p_order_ids) order by o.created_at, o.id;
    return;
  end if;
  if p_order_ids is null or pg_catalog.cardinality(p_order_ids) = 0 then
    perform private.fail('400', 'required', 'name the orders this payment is for', 'order_ids');
  end if;
  select pg_catalog.count(*), pg_catalog.sum(case when p_currency = 'USD' then o.price_usd else o.price_uzs end)
    into v_count, v_total
  from public.orders o
  where o.id = any (p_order_ids) and o.payment_status = 'awaiting_payment' and o.partner_id is null;
  if v_count <> (select pg_catalog.count(distinct x) from pg_catalog.unnest(p_order_ids) x) then
    perform private.fail('409', 'not_awaiting_payment', 'some orders do not exist, are not shop orders, or are not awaiting payment', 'order_ids');
  end if;
  if v_total <> p_amount then
    perform private.fail('400', 'amount_mismatch',
      pg_catalog.format('the orders cost %s %s, the payment is %s %s', v_total, p_currency, p_amount, p_currency), 'amount');
  end if;
  insert into public.payments (provider, reference, amount, currency, order_ids) values (p_provider, p_reference, p_amount, p_currency, p_order_ids);
  return query
  update public.orders o set payment_status = 'paid', paid_at = pg_catalog.now(), payment_reference = p_provider || ':' || p_reference
  where o.id = any (p_order_ids)
  returning o.*;
end
$$;

-- A refund of a confirmed shop payment: the orders become refunded (cancelled first by the
-- backend when allocated); the same refund reference twice is a no-op.
create or replace function public.record_refund(p_provider text, p_reference text, p_refund_reference text)
returns public.payments
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_payment public.payments%rowtype;
begin
  if not private.is_backend() then
    perform private.fail('403', 'backend_only', 'refunds are recorded by OneSIM''s backend', null);
  end if;
  select * into v_payment from public.payments p where p.provider = p_provider and p.reference = p_reference for update;
  if not found then
    perform private.fail('404', 'unknown_payment', 'no such confirmed payment', 'reference');
  end if;
  if v_payment.refund_reference is not null then
    if v_payment.refund_reference <> p_refund_reference then
      perform private.fail('409', 'already_refunded', 'this payment was refunded under another reference', 'refund_reference');
    end if;
    return v_payment;
  end if;
  update public.payments p set refund_reference = p_refund_reference, refunded_at = pg_catalog.now()
  where p.id = v_payment.id returning * into v_payment;
  update public.orders o set payment_status = 'refunded' where o.id = any (v_payment.order_ids) and o.payment_status = 'paid';
  return v_payment;
end
$$;

-- Unpaid orders older than p_older_than expire: payment expired, order FAILED (the ledger cancels
-- their earnings). Backend only; returns how many expired.
create or replace function public.expire_unpaid_orders(p_older_than interval)
returns integer
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_count integer;
begin
  if not private.is_backend() then
    perform private.fail('403', 'backend_only', 'only the backend expires orders', null);
  end if;
  update public.orders o
  set payment_status = 'expired', order_status = 'FAILED', failure_reason = 'payment not received in time'
  where o.payment_status = 'awaiting_payment' and o.order_status = 'PENDING' and o.created_at < pg_catalog.now() - p_older_than;
  get diagnostics v_count = row_count;
  return v_count;
end
$$;

-- ---------------------------------------------------------------- partner accounts
alter table public.partners
  add column if not exists balance_usd numeric(14, 2) not null default 0,
  add column if not exists credit_limit_usd numeric(14, 2) not null default 0,
  add column if not exists low_balance_threshold_usd numeric(14, 2);
select private.add_constraint_if_missing('public.partners', 'partners_credit_limit_not_negative',
  $c$check (credit_limit_usd >= 0)$c$);
select private.add_constraint_if_missing('public.partners', 'partners_balance_within_credit',
  $c$check (balance_usd >= -credit_limit_usd) not valid$c$);
insert into private.column_decisions (table_name, column_name, decision) values
  ('partners', 'balance_usd', 'computed'), ('partners', 'credit_limit_usd', 'admin'),
  ('partners', 'low_balance_threshold_usd', 'admin')
on conflict (table_name, column_name) do update set decision = excluded.decision;

create table if not exists public.partner_ledger (
  id bigint generated always as identity primary key,
  partner_id uuid not null references public.partners (id),
  kind varchar(20) not null check (kind in ('top_up', 'purchase', 'refund', 'adjustment')),
  amount_usd numeric(14, 2) not null check (amount_usd <> 0 and amount_usd > '-Infinity'::numeric and amount_usd < 'Infinity'::numeric),
  order_id uuid references public.orders (id),
  reference varchar(128),
  reason text,
  created_by uuid,
  created_at timestamptz not null default now(),
  check ((kind = 'purchase') = (amount_usd < 0 and order_id is not null) or kind = 'adjustment' or (kind in ('top_up', 'refund') and amount_usd > 0))
);
create unique index if not exists uq_partner_ledger_purchase on public.partner_ledger (order_id) where kind = 'purchase';
create unique index if not exists uq_partner_ledger_refund on public.partner_ledger (order_id) where kind = 'refund';
create index if not exists idx_partner_ledger_partner on public.partner_ledger (partner_id, id);
alter table public.partner_ledger enable row level security;
revoke all on public.partner_ledger from public, anon, authenticated, service_role;
grant select on public.partner_ledger to authenticated, service_role;
drop policy if exists partner_ledger_select on public.partner_ledger;
create policy partner_ledger_select on public.partner_ledger for select to authenticated
  using ((select private.is_admin()) or partner_id in (select p.id from public.partners p where p.user_id = (select auth.uid())));
insert into private.column_decisions (table_name, column_name, decision)
select 'partner_ledger', c, 'definer' from pg_catalog.unnest(array['partner_id', 'kind', 'amount_usd', 'order_id', 'reference',
  'reason', 'created_by']) c
on conflict (table_name, column_name) do update set decision = excluded.decision;
insert into private.column_decisions (table_name, column_name, decision) values
  ('partner_ledger', 'id', 'computed'), ('partner_ledger', 'created_at', 'computed')
on conflict (table_name, column_name) do update set decision = excluded.decision;
select private.apply_column_decisions();

-- Append-only for every API role, the service role included: a row once written is history.
-- (The database owner, in a psql session, stays able to repair; like every rule here.)
create or replace function private.ledger_is_append_only() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if private.is_api_role() then
    raise exception using errcode = '42501', message = 'partner_ledger rows are never changed or deleted', detail = 'append_only',
      hint = 'add an adjustment instead';
  end if;
  return coalesce(old, new);
end
$$;
drop trigger if exists trg_partner_ledger_append_only on public.partner_ledger;
create trigger trg_partner_ledger_append_only before update or delete on public.partner_ledger
  for each row execute function private.ledger_is_append_only();
drop trigger if exists trg_partner_ledger_no_truncate on public.partner_ledger;
create trigger trg_partner_ledger_no_truncate before truncate on public.partner_ledger
  for each statement execute function private.ledger_is_append_only();

-- The balance is the ledger's sum, moved by each row in the row's own transaction.
create or replace function private.ledger_moves_balance() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  update public.partners p set balance_usd = p.balance_usd + new.amount_usd where p.id = new.partner_id;
  return null;
end
$$;
drop trigger if exists trg_partner_ledger_balance on public.partner_ledger;
create trigger trg_partner_ledger_balance after insert on public.partner_ledger
  for each row execute function private.ledger_moves_balance();

-- Debits a partner for orders just inserted in this transaction, all or nothing. The partner row
-- is locked first, so concurrent purchases of one partner queue here and never overdraw.
create or replace function private.pay_partner_orders(p_partner_id uuid, p_order_ids uuid[])
returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  v_partner public.partners%rowtype;
  v_needed numeric;
begin
  select * into v_partner from public.partners p where p.id = p_partner_id for update;
  select coalesce(pg_catalog.sum(o.price_usd), 0) into v_needed from public.orders o where o.id = any (p_order_ids);
  if v_partner.balance_usd + v_partner.credit_limit_usd < v_needed then
    perform private.fail('402', 'insufficient_balance',
      pg_catalog.format('needed %s USD, available %s USD (balance %s + credit %s)', v_needed,
        v_partner.balance_usd + v_partner.credit_limit_usd, v_partner.balance_usd, v_partner.credit_limit_usd), 'balance');
  end if;
  insert into public.partner_ledger (partner_id, kind, amount_usd, order_id, created_by)
  select p_partner_id, 'purchase', -o.price_usd, o.id, (select auth.uid())
  from public.orders o where o.id = any (p_order_ids) and o.price_usd > 0;
  update public.orders o set payment_status = 'paid', paid_at = pg_catalog.now(), payment_reference = 'balance'
  where o.id = any (p_order_ids);
end
$$;
revoke all on function private.pay_partner_orders(uuid, uuid[]) from public, anon, authenticated, service_role;

-- A paid partner order that fails or is cancelled is credited back, once.
create or replace function private.refund_partner_order() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if new.order_status in ('FAILED', 'CANCELLED') and old.order_status is distinct from new.order_status
     and new.partner_id is not null and new.payment_status = 'paid' then
    insert into public.partner_ledger (partner_id, kind, amount_usd, order_id, reason)
    select l.partner_id, 'refund', -l.amount_usd, l.order_id, 'order ' || pg_catalog.lower(new.order_status)
    from public.partner_ledger l where l.order_id = new.id and l.kind = 'purchase'
    on conflict do nothing;
  end if;
  return null;
end
$$;
drop trigger if exists trg_orders_partner_refund on public.orders;
create trigger trg_orders_partner_refund after update of order_status on public.orders
  for each row execute function private.refund_partner_order();

-- Admins move money in and out of a partner's account; every entry is a ledger row.
create or replace function private.partner_account_entry(p_partner_id uuid, p_kind text, p_amount numeric, p_reference text,
  p_reason text)
returns public.partner_ledger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_row public.partner_ledger%rowtype;
begin
  if not (private.is_admin() or private.is_backend()) then
    perform private.fail('403', 'admin_only', 'only administrators change partner accounts', null);
  end if;
  if p_kind not in ('top_up', 'adjustment') then
    perform private.fail('400', 'unknown_value', 'an admin entry is a top_up or an adjustment', 'kind');
  end if;
  if p_amount is null or not (p_amount > '-Infinity'::numeric and p_amount < 'Infinity'::numeric) or p_amount = 0
     or p_amount <> pg_catalog.round(p_amount, 2) or (p_kind = 'top_up' and p_amount < 0) then
    perform private.fail('400', 'invalid_amount', 'a top-up is a positive USD amount in cents; an adjustment is non-zero', 'amount');
  end if;
  if p_kind = 'top_up' and (p_reference is null or pg_catalog.btrim(p_reference) = '') then
    perform private.fail('400', 'required', 'a top-up needs the bank reference', 'reference');
  end if;
  if p_kind = 'adjustment' and (p_reason is null or pg_catalog.btrim(p_reason) = '') then
    perform private.fail('400', 'required', 'an adjustment needs a reason', 'reason');
  end if;
  if not exists (select 1 from public.partners p where p.id = p_partner_id) then
    perform private.fail('404', 'unknown_partner', 'no such partner', 'partner_id');
  end if;
  insert into public.partner_ledger (partner_id, kind, amount_usd, reference, reason, created_by)
  values (p_partner_id, p_kind, p_amount, p_reference, p_reason, (select auth.uid()))
  returning * into v_row;
  return v_row;
end
$$;
revoke all on function private.partner_account_entry(uuid, text, numeric, text, text) from public, anon;
grant execute on function private.partner_account_entry(uuid, text, numeric, text, text) to authenticated, service_role;

create or replace function public.partner_account_entry(p_partner_id uuid, p_kind text, p_amount numeric,
  p_reference text default null, p_reason text default null)
returns public.partner_ledger
language sql security invoker
set search_path = ''
as $$
  select * from private.partner_account_entry(p_partner_id, p_kind, p_amount, p_reference, p_reason)
$$;
revoke all on function public.partner_account_entry(uuid, text, numeric, text, text) from public, anon;
grant execute on function public.partner_account_entry(uuid, text, numeric, text, text) to authenticated, service_role;

-- ---------------------------------------------------------------- partner purchases pay at once
create or replace function public.place_partner_orders(
  p_package_code text,
  p_customer_ids uuid[] default null,
  p_group_id uuid default null,
  p_quantity integer default 1,
  p_idempotency_key text default null,
  p_delivery_method text default 'email',
  p_notes text default null)
returns setof public.orders
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_partner uuid := private.current_partner_id();
  v_customers uuid[];
  v_visible integer;
  v_ids uuid[];
begin
  if v_partner is null then
    perform private.fail('403', 'not_a_partner',
      'only partners can place partner orders; a consumer buys with a b2c order (OrderService.buy)', 'partner_id');
  end if;
  if p_quantity is null or p_quantity < 1 or p_quantity > 1000 then
    perform private.fail('400', 'out_of_range', pg_catalog.format('quantity must be between 1 and 1000, got %s', p_quantity), 'quantity');
  end if;
  if p_idempotency_key is not null and not private.claim_idempotency_key(p_idempotency_key,
       pg_catalog.md5(pg_catalog.jsonb_build_array('place_partner_orders', p_package_code, p_customer_ids, p_group_id,
                                                    p_quantity, coalesce(p_delivery_method, 'email'), p_notes)::text)) then
    return query select * from public.orders o
      where o.user_id = (select auth.uid()) and o.idempotency_key = p_idempotency_key
      order by o.idempotency_line;
    return;
  end if;

  if p_group_id is not null then
    if not exists (select 1 from public.customer_groups g where g.id = p_group_id) then
      perform private.fail('404', 'unknown_group', 'no such group among your groups', 'group_id');
    end if;
    if p_customer_ids is not null then
      perform private.fail('400', 'not_allowed', 'give a group or a list of customers, not both', 'customer_ids');
    end if;
    select pg_catalog.array_agg(m.customer_id order by m.added_at, m.customer_id) into v_customers
    from public.customer_group_members m where m.group_id = p_group_id;
    if v_customers is null then
      perform private.fail('400', 'empty_group', 'the group has no members', 'group_id');
    end if;
  else
    if p_customer_ids is null or pg_catalog.cardinality(p_customer_ids) = 0 then
      perform private.fail('400', 'required', 'give a group or at least one customer', 'customer_ids');
    end if;
    v_customers := p_customer_ids;
    select count(*) into v_visible from public.partner_customers c
    where c.id in (select pg_catalog.unnest(p_customer_ids)) and c.partner_id = v_partner;
    if v_visible <> (select count(distinct x) from pg_catalog.unnest(p_customer_ids) x) then
      perform private.fail('403', 'foreign_customer', 'some customers are not yours', 'customer_ids');
    end if;
  end if;
  if pg_catalog.cardinality(v_customers) * p_quantity > 1000 then
    perform private.fail('400', 'too_many', pg_catalog.format('at most 1000 orders per call, asked for %s',
      pg_catalog.cardinality(v_customers) * p_quantity), 'quantity');
  end if;

  -- The partner's account row is locked first, before any order row: concurrent purchases of one
  -- partner queue here, in one lock order (no deadlock), and the balance check sees every debit.
  perform 1 from public.partners p where p.id = v_partner for update;
  with ins as (
    insert into public.orders (user_id, source_type, partner_id, end_customer_id, end_customer_type, customer_group_id,
                               package_code, delivery_method, notes, idempotency_key, idempotency_line)
    select (select auth.uid()), 'b2b_partner', v_partner, c.id, 'b2b_partner_customer', p_group_id,
           p_package_code, coalesce(p_delivery_method, 'email'), p_notes, p_idempotency_key,
           (row_number() over (order by c.ord, q.n))::integer
    from pg_catalog.unnest(v_customers) with ordinality as c(id, ord)
    cross join pg_catalog.generate_series(1, p_quantity) as q(n)
    returning id
  )
  select pg_catalog.array_agg(ins.id) into v_ids from ins;
  -- The insert statement's own trigger has paid them by now; return them as they are after it.
  return query select * from public.orders o where o.id = any (v_ids) order by o.idempotency_line, o.created_at, o.id;
end
$$;


-- Every statement that inserts partner orders (the purchase RPCs, a direct table insert) pays them
-- from the partner's balance before it ends, in the same transaction: if the balance and credit
-- do not cover them, the statement fails and no order remains. (The payment's own writes run one
-- trigger level down, where the column decisions trust the database.)
create or replace function private.pay_direct_partner_inserts() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  r record;
begin
  if not private.is_api_role() then
    return null;   -- the database owner (migrations, sample data) records history as it is
  end if;
  for r in select n.partner_id, pg_catalog.array_agg(n.id) as ids from new_rows n
           where n.partner_id is not null and n.payment_status = 'awaiting_payment' group by n.partner_id loop
    if (select pg_catalog.count(*) from public.partner_ledger l where l.order_id = any (r.ids)) = 0 then
      perform private.pay_partner_orders(r.partner_id, r.ids);
    end if;
  end loop;
  return null;
end
$$;
drop trigger if exists trg_orders_pay_partner_inserts on public.orders;
create trigger trg_orders_pay_partner_inserts after insert on public.orders
  referencing new table as new_rows for each statement execute function private.pay_direct_partner_inserts();
