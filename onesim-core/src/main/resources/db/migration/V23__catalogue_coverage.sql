-- V23: where each package works and on which networks (issue 16), written by the catalogue sync.
--
-- * covered_countries: the ISO codes a package covers (one for a country package, many for a
--   regional one), so "packages that work in Germany" includes Europe-42; GIN-indexed.
-- * networks: [{"country": "DE", "operator": "...", "network": "4G/5G"}, ...] as the provider lists them.

alter table public.esim_packages
  add column if not exists covered_countries text[] not null default '{}',
  add column if not exists networks jsonb not null default '[]';
select private.add_constraint_if_missing('public.esim_packages', 'esim_packages_covered_countries_iso',
  $c$check (pg_catalog.array_to_string(covered_countries, ',') ~ '^([A-Z]{2}(,[A-Z]{2})*)?$')$c$);
select private.add_constraint_if_missing('public.esim_packages', 'esim_packages_networks_is_array',
  $c$check (pg_catalog.jsonb_typeof(networks) = 'array')$c$);
create index if not exists idx_esim_packages_covered_countries on public.esim_packages using gin (covered_countries) where is_active;

insert into private.column_decisions (table_name, column_name, decision) values
  ('esim_packages', 'covered_countries', 'admin'), ('esim_packages', 'networks', 'admin')
on conflict (table_name, column_name) do update set decision = excluded.decision;
select private.apply_column_decisions();
