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

-- ---------------------------------------------------------------- orders: payment state
alter table public.orders add column if not exists payment_status varchar(20) not null default 'paid';
alter table public.orders alter column payment_status set default 'awaiting_payment';  -- existing orders count as paid
alter table public.orders
  add column if not exists paid_at timestamptz,
  add column if not exists payment_reference varchar(128);
select private.add_constraint_if_missing('public.orders', 'orders_payment_status_known',
  $c$check (payment_status::text = any ('{awaiting_payment,paid,refunded,expired}'::text[]))$c$);   -- as one constant (V2)
create index if not exists idx_orders_claimable on public.orders (created_at) where order_status = 'PENDING' and payment_status = 'paid';
create index if not exists idx_orders_awaiting_payment on public.orders (created_at) where payment_status = 'awaiting_payment';

insert into private.column_decisions (table_name, column_name, decision) values
  ('orders', 'payment_status', 'backend'), ('orders', 'paid_at', 'backend'), ('orders', 'payment_reference', 'backend')
on conflict (table_name, column_name) do update set decision = excluded.decision;

-- ---------------------------------------------------------------- shop payments (B2C)
create table if not exists public.payments (
  id bigint generated always as identity primary key,
  provider varchar(40) not null,
  reference varchar(128) not null,
  amount numeric not null,
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

-- ---------------------------------------------------------------- partner accounts
alter table public.partners
  add column if not exists balance_usd numeric(20, 2) not null default 0,
  add column if not exists credit_limit_usd numeric not null default 0.00,
  add column if not exists low_balance_threshold_usd numeric;
select private.exact_numeric('public.partners', 'credit_limit_usd', 2, 12);
select private.exact_numeric('public.partners', 'low_balance_threshold_usd', 2, 12);
select private.exact_numeric('public.payments', 'amount', 2, 16);
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
  kind varchar(20) not null check (kind in ('top_up', 'purchase', 'refund', 'adjustment')),  -- 'top_up' is 'funding' since V27
  amount_usd numeric not null check (amount_usd <> 0),   -- NaN and the infinities: its exactness check below
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
select private.exact_numeric('public.partner_ledger', 'amount_usd', 2, 12);
alter table public.partner_ledger enable row level security;
revoke all on public.partner_ledger from public, anon, authenticated, service_role;
grant select on public.partner_ledger to authenticated, service_role;
drop policy if exists partner_ledger_select on public.partner_ledger;
create policy partner_ledger_select on public.partner_ledger for select to authenticated
  using ((select private.is_admin()) or partner_id = (select private.current_partner_id()));
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
  -- the owner's repair goes through: an UPDATE keeps the new row (returning OLD would silently drop it)
  return case tg_op when 'DELETE' then old when 'UPDATE' then new else null end;
end
$$;
drop trigger if exists trg_partner_ledger_append_only on public.partner_ledger;
create trigger trg_partner_ledger_append_only before update or delete on public.partner_ledger
  for each row execute function private.ledger_is_append_only();
drop trigger if exists trg_partner_ledger_no_truncate on public.partner_ledger;
create trigger trg_partner_ledger_no_truncate before truncate on public.partner_ledger
  for each statement execute function private.ledger_is_append_only();

-- The balance is the ledger's sum, moved in the rows' own transaction: once per statement and
-- partner, so a purchase of 200 orders updates its partner's row once, not 200 times. Partners in
-- id order, the one lock order every balance path keeps (docs/money.md).
create or replace function private.ledger_moves_balance() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  r record;
begin
  for r in select n.partner_id, pg_catalog.sum(n.amount_usd) as total from new_rows n
           group by n.partner_id order by n.partner_id loop
    update public.partners p set balance_usd = p.balance_usd + r.total where p.id = r.partner_id;
  end loop;
  return null;
end
$$;
drop trigger if exists trg_partner_ledger_balance on public.partner_ledger;
create trigger trg_partner_ledger_balance after insert on public.partner_ledger
  referencing new table as new_rows for each statement execute function private.ledger_moves_balance();

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
    -- the money went back: the order's payment says so (docs/state-machines.md)
    update public.orders o set payment_status = 'refunded' where o.id = new.id and o.payment_status = 'paid';
  end if;
  return null;
end
$$;
drop trigger if exists trg_orders_partner_refund on public.orders;
create trigger trg_orders_partner_refund after update of order_status on public.orders
  for each row execute function private.refund_partner_order();

-- private.partner_account_entry (admins fund and adjust partner accounts) lives in R__api_partner_accounts.sql.

-- Every statement that inserts partner orders (the purchase RPCs, a direct table insert) pays them
-- from the partner's balance before it ends, in the same transaction: if the balance and credit
-- do not cover them, the statement fails and no order remains. (The payment's own writes run one
-- trigger level down, where the column decisions trust the database.)
-- A partner order an API role inserts is written paid: one marked 'paid' already is debited like
-- the rest (every paid partner order has its one debit, uq_partner_ledger_purchase), and one in any
-- other payment state is refused. Written so by the insert itself, not by a second UPDATE of the
-- row just inserted (issue 29: that pass cost a purchase about a fifth of its time).
-- (one function for partner orders and, from V26, partner top-ups)
create or replace function private.paid_from_balance() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.partner_id is not null and private.is_api_role() then
    if new.payment_status is null or new.payment_status not in ('awaiting_payment', 'paid') then
      perform private.fail('400', 'invalid_payment_status', pg_catalog.format('a new partner %s is paid from the balance when it is written',
        case tg_table_name when 'orders' then 'order' else 'top-up' end), 'payment_status');
    end if;
    new.payment_status := 'paid';
    new.paid_at := pg_catalog.now();
    new.payment_reference := 'balance';
  end if;
  return new;
end
$$;
drop trigger if exists trg_orders_paid_from_balance on public.orders;
revoke all on function private.paid_from_balance() from public;
create trigger trg_orders_paid_from_balance before insert on public.orders
  for each row execute function private.paid_from_balance();

-- ... and the statement debits each partner for its new orders, all or nothing. The partner row is
-- locked first, so concurrent purchases of one partner queue here and never overdraw. NO KEY
-- UPDATE: what every balance path takes first. It does not conflict with the KEY SHARE a
-- foreign-key check takes, so a statement that inserted a row referencing the partner (and so
-- holds KEY SHARE) can still take it: no lock upgrade, no deadlock (docs/money.md).
create or replace function private.pay_direct_partner_inserts() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  r record;
  v_partner public.partners%rowtype;
begin
  if not private.is_api_role() then
    return null;   -- the database owner (migrations, sample data) records history as it is
  end if;
  for r in select n.partner_id, pg_catalog.sum(n.price_usd) as needed from new_rows n
           where n.partner_id is not null group by n.partner_id order by n.partner_id loop
    select * into v_partner from public.partners p where p.id = r.partner_id for no key update;
    if v_partner.balance_usd + v_partner.credit_limit_usd < r.needed then
      perform private.fail('402', 'insufficient_balance',
        pg_catalog.format('needed %s USD, available %s USD (balance %s + credit %s)', r.needed,
          v_partner.balance_usd + v_partner.credit_limit_usd, v_partner.balance_usd, v_partner.credit_limit_usd), 'balance');
    end if;
    insert into public.partner_ledger (partner_id, kind, amount_usd, order_id, created_by)
    select r.partner_id, 'purchase', -n.price_usd, n.id, (select auth.uid())
    from new_rows n where n.partner_id = r.partner_id and n.price_usd > 0;
  end loop;
  return null;
end
$$;
drop trigger if exists trg_orders_pay_partner_inserts on public.orders;
create trigger trg_orders_pay_partner_inserts after insert on public.orders
  referencing new table as new_rows for each statement execute function private.pay_direct_partner_inserts();

-- The API functions this migration introduced live, in their current form, in R__api_payments, R__api_partner_orders.sql and R__api_partner_accounts.sql.
