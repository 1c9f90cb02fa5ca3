-- V17: low-balance alerts, monthly statements, and the admins' view of every partner account.
--
-- * A partner's balance falling below its threshold (partners.low_balance_threshold_usd, set by an
--   admin) records one balance_low alert; rising back above it closes the alert, so the next
--   crossing raises a new one. The notification workers deliver alerts (docs/money.md); until then
--   they are visible to the partner and on the dashboard.
-- * partner_statement(month): opening balance, top-ups, purchases (retail, discount, paid; in USD,
--   and in som at each order's own FX snapshot), refunds, adjustments, closing balance. It
--   reconciles exactly to the ledger: closing = opening + every ledger amount of the month.
-- * v_partner_balances: balance, credit, credit in use, threshold and open alert per partner
--   (security invoker: admins see every partner, a partner its own row).

create table if not exists public.partner_alerts (
  id bigint generated always as identity primary key,
  partner_id uuid not null references public.partners (id),
  kind varchar(20) not null check (kind in ('balance_low')),
  balance_usd numeric(20, 2) not null,
  threshold_usd numeric(20, 2) not null,
  created_at timestamptz not null default now(),
  resolved_at timestamptz
);
create index if not exists idx_partner_alerts_partner on public.partner_alerts (partner_id, created_at);
create unique index if not exists uq_partner_alerts_open on public.partner_alerts (partner_id, kind) where resolved_at is null;
alter table public.partner_alerts enable row level security;
revoke all on public.partner_alerts from public, anon, authenticated;
grant select on public.partner_alerts to authenticated;
grant select on public.partner_alerts to service_role;
drop policy if exists partner_alerts_select on public.partner_alerts;
create policy partner_alerts_select on public.partner_alerts for select to authenticated
  using ((select private.is_admin()) or partner_id = (select private.current_partner_id()));
insert into private.column_decisions (table_name, column_name, decision)
select 'partner_alerts', c, 'computed'
from pg_catalog.unnest(array['id', 'partner_id', 'kind', 'balance_usd', 'threshold_usd', 'created_at', 'resolved_at']) c
on conflict (table_name, column_name) do update set decision = excluded.decision;
select private.apply_column_decisions();

create or replace function private.partner_balance_alert() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if new.low_balance_threshold_usd is null then
    return null;
  end if;
  if new.balance_usd < new.low_balance_threshold_usd
     and not exists (select 1 from public.partner_alerts a where a.partner_id = new.id and a.kind = 'balance_low' and a.resolved_at is null) then
    insert into public.partner_alerts (partner_id, kind, balance_usd, threshold_usd)
    values (new.id, 'balance_low', new.balance_usd, new.low_balance_threshold_usd);
  elsif new.balance_usd >= new.low_balance_threshold_usd then
    update public.partner_alerts a set resolved_at = pg_catalog.now()
    where a.partner_id = new.id and a.kind = 'balance_low' and a.resolved_at is null;
  end if;
  return null;
end
$$;
drop trigger if exists trg_partners_balance_alert on public.partners;
create trigger trg_partners_balance_alert after update of balance_usd, low_balance_threshold_usd on public.partners
  for each row execute function private.partner_balance_alert();

create or replace view public.v_partner_balances
with (security_invoker = true) as
select p.id as partner_id, p.company_name, p.status, p.balance_usd, p.credit_limit_usd,
       greatest(-p.balance_usd, 0) as credit_used_usd, p.balance_usd + p.credit_limit_usd as available_usd,
       p.low_balance_threshold_usd,
       (select a.created_at from public.partner_alerts a where a.partner_id = p.id and a.resolved_at is null
        order by a.id desc limit 1) as balance_low_since
from public.partners p;
revoke all on public.v_partner_balances from public, anon;
grant select on public.v_partner_balances to authenticated, service_role;

-- The API functions this migration introduced live, in their current form, in R__api_partner_accounts.sql.
