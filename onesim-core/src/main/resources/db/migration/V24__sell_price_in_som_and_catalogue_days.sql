-- V24: a partner logs what it charged its customer in USD or in som, and the catalogue filters by
-- validity in days (issue 16).
--
-- * partner_sell_price_uzs: the sell price in whole som; partner_sell_currency: which of the two the
--   partner entered. The other one is derived at the order's own FX snapshot (fx_rate_uzs), rounded
--   once, half-up: som to whole som, USD to cents (docs/money.md, "sell price").
-- * partner_actual_profit_uzs: sell − paid in som, beside partner_actual_profit_usd.
-- * The partner writes one of the two amounts (PATCH or log_sell_price); writing both at once is
--   refused, so the pair never disagrees.

alter table public.partner_earnings
  add column if not exists partner_sell_price_uzs numeric,
  add column if not exists partner_sell_currency text,
  add column if not exists partner_actual_profit_uzs numeric(18, 0)
    generated always as (partner_sell_price_uzs - partner_paid_uzs) stored;
select private.exact_numeric('public.partner_earnings', 'partner_sell_price_uzs', 0, 15);
select private.add_constraint_if_missing('public.partner_earnings', 'partner_earnings_sell_price_uzs_not_negative',
  $c$check (partner_sell_price_uzs >= 0)$c$);
select private.add_constraint_if_missing('public.partner_earnings', 'partner_earnings_sell_currency',
  $c$check (partner_sell_currency in ('USD', 'UZS'))$c$);

-- BEFORE UPDATE, after the column guard (trigger names sort): the amount the caller changed is the
-- one entered (or, when only partner_sell_currency changed, the amount in that currency); the
-- other follows at the order's FX. Changing both amounts, or naming the other currency, is refused.
create or replace function private.derive_sell_price() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_usd_changed boolean := new.partner_sell_price_usd is distinct from old.partner_sell_price_usd;
  v_uzs_changed boolean := new.partner_sell_price_uzs is distinct from old.partner_sell_price_uzs;
  v_currency text := case when v_usd_changed then 'USD' when v_uzs_changed then 'UZS' else new.partner_sell_currency end;
begin
  -- the rule log_sell_price states, for a direct PATCH too: a cancelled or failed order has no sale to log
  if (v_usd_changed or v_uzs_changed) and new.status = 'cancelled' and private.is_api_role() then
    perform private.fail('409', 'order_cancelled', 'the order was cancelled or failed', 'order_id');
  end if;
  if (v_usd_changed and v_uzs_changed)
     or (new.partner_sell_currency is distinct from old.partner_sell_currency and new.partner_sell_currency is distinct from v_currency) then
    perform private.fail('400', 'one_currency', 'log the sell price in USD or in som, not both', 'sell_price');
  end if;
  if v_currency = 'USD' then
    new.partner_sell_price_uzs := pg_catalog.round(new.partner_sell_price_usd * new.fx_rate_uzs, 0);
  elsif v_currency = 'UZS' then
    if new.partner_sell_price_uzs is not null and new.fx_rate_uzs is null then
      perform private.fail('409', 'no_fx_snapshot', 'this order has no FX snapshot; log its sell price in USD', 'sell_price_uzs');
    end if;
    -- rounded once: the dividend's scale of 20 makes PostgreSQL carry 20 decimals through the
    -- division, so only this round() rounds (it would otherwise round the quotient to fewer
    -- digits first at large amounts)
    new.partner_sell_price_usd := pg_catalog.round(pg_catalog.round(new.partner_sell_price_uzs, 20) / new.fx_rate_uzs, 2);
  end if;
  -- no amount: a cleared sell price has no currency; a currency written alone is kept as written
  -- (and checked by the column's constraint)
  new.partner_sell_currency := case when new.partner_sell_price_usd is not null or new.partner_sell_price_uzs is not null then v_currency
                                    when v_usd_changed or v_uzs_changed then null
                                    else new.partner_sell_currency end;
  return new;
end
$$;
revoke all on function private.derive_sell_price() from public;

drop trigger if exists trg_partner_earnings_guard on public.partner_earnings;
create trigger trg_partner_earnings_guard before update on public.partner_earnings
  for each row execute function private.guard_columns('partner_sell_price_usd', 'partner_sell_price_uzs', 'partner_sell_currency');
drop trigger if exists trg_partner_earnings_sell_price on public.partner_earnings;
create trigger trg_partner_earnings_sell_price
  before update of partner_sell_price_usd, partner_sell_price_uzs, partner_sell_currency
  on public.partner_earnings for each row execute function private.derive_sell_price();

insert into private.column_decisions (table_name, column_name, decision) values
  ('partner_earnings', 'partner_sell_price_uzs', 'client'), ('partner_earnings', 'partner_sell_currency', 'client'),
  ('partner_earnings', 'partner_actual_profit_uzs', 'computed')
on conflict (table_name, column_name) do update set decision = excluded.decision;
select private.apply_column_decisions();

-- The API function that logs it (log_sell_price, now with a currency) lives in R__api_partner_orders.sql.

-- A package's validity in days, for the catalogue's day filters: the provider sells by DAY; a
-- MONTH counts as 30 days (our convention, stated in docs/money.md beside the catalogue).
create or replace function private.duration_days(p_duration integer, p_unit text) returns integer
language sql immutable
set search_path = ''
as $$
  select case pg_catalog.upper(coalesce(p_unit, 'DAY')) when 'MONTH' then p_duration * 30 else p_duration end
$$;
revoke all on function private.duration_days(integer, text) from public;
grant execute on function private.duration_days(integer, text) to anon, authenticated, service_role;
