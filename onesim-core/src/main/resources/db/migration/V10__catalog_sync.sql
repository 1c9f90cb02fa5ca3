-- V10: what catalogue sync needs: OneSIM's margins, the provider's costs (kept out of the public
-- catalogue), a history of price changes, and one log row per sync run. Admins and the backend
-- only; customers and partners see none of it.

create table if not exists public.margin_overrides (
  id uuid primary key default gen_random_uuid(),
  scope varchar(16) not null,
  scope_value varchar(64) not null default '',
  margin_percent numeric not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint margin_overrides_scope_check check (scope in ('default', 'package', 'country', 'region')),
  constraint margin_overrides_margin_check check (margin_percent between 0 and 1000),
  constraint margin_overrides_unique unique (scope, scope_value)
);

create table if not exists public.package_costs (
  package_code varchar(64) primary key references public.esim_packages (package_code) on delete cascade,
  wholesale_price_usd numeric not null,
  synced_at timestamptz not null default now()
);

create table if not exists public.price_sync_log (
  id bigint generated always as identity primary key,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  status varchar(16) not null default 'running',
  packages_seen integer not null default 0,
  packages_created integer not null default 0,
  packages_updated integer not null default 0,
  packages_deactivated integer not null default 0,
  price_changes integer not null default 0,
  error text,
  constraint price_sync_log_status_check check (status in ('running', 'succeeded', 'failed'))
);

create table if not exists public.package_price_changes (
  id bigint generated always as identity primary key,
  package_code varchar(64) not null,
  old_price_usd numeric,
  new_price_usd numeric not null,
  sync_id bigint references public.price_sync_log (id) on delete set null,
  changed_at timestamptz not null default now()
);
create index if not exists idx_package_price_changes_code on public.package_price_changes (package_code, changed_at desc);
create index if not exists idx_package_price_changes_sync on public.package_price_changes (sync_id);

drop trigger if exists trg_margin_overrides_updated_at on public.margin_overrides;
create trigger trg_margin_overrides_updated_at before update on public.margin_overrides
  for each row execute function private.touch_updated_at();

do $$
declare
  t text;
begin
  foreach t in array array['margin_overrides', 'package_costs', 'price_sync_log', 'package_price_changes']
  loop
    execute pg_catalog.format('alter table public.%I enable row level security', t);
    execute pg_catalog.format('revoke all on table public.%I from anon, authenticated', t);
    execute pg_catalog.format('grant all on table public.%I to service_role', t);
    execute pg_catalog.format('grant select, insert, update, delete on table public.%I to authenticated', t);
    execute pg_catalog.format('drop policy if exists %I on public.%I', t || '_admin', t);
    execute pg_catalog.format(
      'create policy %I on public.%I for all to authenticated using ((select private.is_admin())) with check ((select private.is_admin()))',
      t || '_admin', t);
  end loop;
end
$$;

select private.exact_numeric('public.margin_overrides', 'margin_percent', 2, 4);
select private.exact_numeric('public.package_costs', 'wholesale_price_usd', 4, 8);
select private.exact_numeric('public.package_price_changes', 'old_price_usd', 2, 8);
select private.exact_numeric('public.package_price_changes', 'new_price_usd', 2, 8);
