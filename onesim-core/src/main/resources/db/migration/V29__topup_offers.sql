-- V29: the top-ups the provider accepts for each plan, and how a top-up names its eSIM (issue #27). eSIM Access lists top-ups per
-- plan ("specific top-ups work with specific plans": package/list with type TOPUP and the plan's
-- packageCode, or the eSIM's iccid); a top-up of the same country is not necessarily one it accepts.
-- The backend's catalogue sync asks the provider for each plan that takes top-ups and keeps the
-- answer here; a top-up is offered and sold only for a plan the provider listed it for.
--
-- Until the backend's first sync after this migration, no top-up is offered (the location match
-- used before is gone on purpose: never offer what the provider may refuse).

create table if not exists public.topup_offers (
  base_package_code varchar(64) not null references public.esim_packages (package_code) on delete cascade,
  topup_package_code varchar(64) not null references public.esim_packages (package_code) on delete cascade,
  refreshed_at timestamptz not null default pg_catalog.now(),
  primary key (base_package_code, topup_package_code)
);
create index if not exists topup_offers_topup_idx on public.topup_offers (topup_package_code);

-- Catalogue data like esim_packages: every signed-in caller may read it; the backend writes it.
select private.read_only_for('public.topup_offers', 'true');

-- When the provider was last asked which top-ups fit this plan (null: never).
alter table public.esim_packages add column if not exists topups_refreshed_at timestamptz;

-- Which identifier of the eSIM the last esim/topup named (esimTranNo or iccid): the doc prefers
-- esimTranNo, a live integration saw 000001 for it on some eSIMs while iccid worked, so the top-up
-- worker falls back from one to the other after such a refusal and records which it used.
alter table public.topups add column if not exists provider_identifier varchar(16);

-- claim_topups returns the eSIM's iccid and what the last attempt used; start_topup records it.
drop function if exists public.claim_topups(text, integer, integer);
drop function if exists public.start_topup(uuid, text, integer);

insert into private.column_decisions (table_name, column_name, decision) values
  ('topups', 'provider_identifier', 'backend'),
  ('topup_offers', 'base_package_code', 'backend'),
  ('topup_offers', 'topup_package_code', 'backend'),
  ('topup_offers', 'refreshed_at', 'backend'),
  ('esim_packages', 'topups_refreshed_at', 'backend')
on conflict (table_name, column_name) do update set decision = excluded.decision;

select private.apply_column_decisions();
