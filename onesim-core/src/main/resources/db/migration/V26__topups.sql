-- V26: top-ups — more data or days on an eSIM already sold (issue 18; docs/lifecycle.md, "Top-ups").
--
-- * A top-up belongs to the order of the eSIM it tops up; it is priced like an order by the one
--   pricing rule (the partner's effective discount, the FX snapshot) and paid like one: a partner's
--   from its prepaid balance at once (a ledger purchase row), a consumer's through the payment
--   provider (confirmed by the backend). Only paid top-ups reach the provider.
-- * The backend applies it at the provider exactly once (the client verifies by query before any
--   replay), then records the new totals on the order and raises a topup_applied alert (partner
--   event topup.applied, traveller notice). A top-up the provider refuses is failed; a partner's is
--   credited back once.
-- * Partners see their own top-ups, consumers theirs; nobody but the backend writes them (the
--   purchase goes through buy_topup).

create table if not exists public.topups (
  id uuid primary key default gen_random_uuid(),
  order_id uuid not null references public.orders (id),
  partner_id uuid references public.partners (id),
  user_id uuid,
  package_code varchar(64) not null,
  retail_usd numeric(12, 2) not null,
  discount_rate numeric(5, 2) not null,
  discount_usd numeric(12, 2) not null,
  paid_usd numeric(12, 2) not null,
  fx_rate_uzs numeric(14, 4),
  retail_uzs numeric(18, 0),
  discount_uzs numeric(18, 0),
  paid_uzs numeric(18, 0),
  status varchar(16) not null default 'pending' check (status in ('pending', 'applied', 'failed')),
  payment_status varchar(16) not null default 'awaiting_payment'
    check (payment_status in ('awaiting_payment', 'paid', 'refunded')),
  payment_reference varchar(128),
  paid_at timestamptz,
  idempotency_key varchar(255),
  provider_tran_no varchar(64),
  data_added_bytes bigint,
  failure_reason text,
  attempts integer not null default 0,
  worker varchar(64),
  lease_until timestamptz,
  created_at timestamptz not null default now(),
  applied_at timestamptz,
  check (retail_usd = paid_usd + discount_usd)
);
create unique index if not exists uq_topups_idempotency on public.topups (user_id, idempotency_key) where idempotency_key is not null;
create index if not exists idx_topups_order on public.topups (order_id, created_at);
create index if not exists idx_topups_partner on public.topups (partner_id, created_at desc);
create index if not exists idx_topups_due on public.topups (created_at) where status = 'pending' and payment_status = 'paid';
select private.read_only_for('public.topups',
  '(select private.is_admin()) or partner_id = (select private.current_partner_id()) or (partner_id is null and user_id = (select auth.uid()))');

-- The ledger carries top-up purchases and refunds too.
alter table public.partner_ledger add column if not exists topup_id uuid references public.topups (id);
alter table public.partner_ledger drop constraint if exists partner_ledger_check;
select private.add_constraint_if_missing('public.partner_ledger', 'partner_ledger_kind_matches_amount',
  $c$check ((kind = 'purchase') = (amount_usd < 0 and (order_id is not null or topup_id is not null)) or kind = 'adjustment'
            or (kind in ('top_up', 'refund') and amount_usd > 0))$c$);
create unique index if not exists uq_partner_ledger_topup_purchase on public.partner_ledger (topup_id) where kind = 'purchase';
create unique index if not exists uq_partner_ledger_topup_refund on public.partner_ledger (topup_id) where kind = 'refund';

insert into private.column_decisions (table_name, column_name, decision)
select 'topups', c, 'definer' from pg_catalog.unnest(array['order_id', 'partner_id', 'user_id', 'package_code', 'retail_usd',
  'discount_rate', 'discount_usd', 'paid_usd', 'fx_rate_uzs', 'retail_uzs', 'discount_uzs', 'paid_uzs', 'idempotency_key']) c
union all select 'topups', c, 'backend' from pg_catalog.unnest(array['status', 'payment_status', 'payment_reference', 'paid_at',
  'provider_tran_no', 'data_added_bytes', 'failure_reason', 'attempts', 'worker', 'lease_until', 'applied_at']) c
union all select 'topups', c, 'computed' from pg_catalog.unnest(array['id', 'created_at']) c
union all select 'partner_ledger', 'topup_id', 'definer'
on conflict (table_name, column_name) do update set decision = excluded.decision;
select private.apply_column_decisions();

-- A partner's top-up is paid from its balance by the statement that inserts it, all or nothing (the
-- partner row locked, like its orders: V16). The payment's writes run one trigger level down, where
-- the column decisions trust the database.
-- One rule with orders (V16): a partner's top-up an API role writes is paid from the balance when it
-- is written, whatever payment state it was given (any other than awaiting or paid is refused);
-- the insert itself writes it paid, so no second write of the row.
drop trigger if exists trg_topups_paid_from_balance on public.topups;
create trigger trg_topups_paid_from_balance before insert on public.topups
  for each row execute function private.paid_from_balance();

create or replace function private.pay_partner_topup() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_available numeric;
  v_status text;
begin
  if new.partner_id is null or not private.is_api_role() then
    return null;   -- a consumer's waits for its payment; the database owner records history as it is
  end if;
  -- the balance paths' one lock (V16), then the partner's standing: only an active partner buys
  select p.balance_usd + p.credit_limit_usd, p.status into v_available, v_status
  from public.partners p where p.id = new.partner_id for no key update;
  if v_status <> 'active' then
    perform private.fail('403', 'partner_not_active', pg_catalog.format('the partner account is %s', v_status), 'partner_id');
  end if;
  if v_available < new.paid_usd then
    perform private.fail('402', 'insufficient_balance',
      pg_catalog.format('needed %s USD, available %s USD', new.paid_usd, v_available), 'balance');
  end if;
  -- one rule with orders (V16): a purchase that costs nothing is paid without a ledger row
  insert into public.partner_ledger (partner_id, kind, amount_usd, topup_id, created_by)
  select new.partner_id, 'purchase', -new.paid_usd, new.id, (select auth.uid()) where new.paid_usd > 0;
  return null;
end
$$;
revoke all on function private.pay_partner_topup() from public;
drop trigger if exists trg_topups_pay_partner on public.topups;
create trigger trg_topups_pay_partner after insert on public.topups
  for each row execute function private.pay_partner_topup();

-- A paid partner top-up the provider refused is credited back, once (the ledger is written only by
-- our definer functions and triggers).
create or replace function private.refund_partner_topup(p_topup_id uuid) returns void
language sql security definer
set search_path = ''
as $$
  insert into public.partner_ledger (partner_id, kind, amount_usd, topup_id, reason)
  select l.partner_id, 'refund', -l.amount_usd, l.topup_id, 'top-up failed'
  from public.partner_ledger l where l.topup_id = p_topup_id and l.kind = 'purchase'
  on conflict do nothing
$$;
revoke all on function private.refund_partner_topup(uuid) from public, anon, authenticated;
grant execute on function private.refund_partner_topup(uuid) to service_role;

-- The API functions of this migration live in R__api_topups.sql.
