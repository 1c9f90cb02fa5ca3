-- API functions: the catalogue and quote inputs, priced for the caller by the one pricing rule.
-- Repeatable (Flyway runs it after every versioned migration and again whenever it changes): the
-- current definition of each API function lives in one R__api_* file; versioned files hold tables,
-- data, triggers, helpers and policies. Plain SQL, safe to run again with psql (docs/architecture.md).

create or replace function public.price_inputs(p_package_code text)
returns table (package_code text, retail_usd numeric, discount_rate numeric, uzs_per_usd numeric,
               fx_source text, fx_as_of timestamptz)
language plpgsql stable security invoker
set search_path = ''
as $$
declare
  v_retail numeric;
  v_rate numeric := 0;
begin
  select p.final_price_usd into v_retail from public.esim_packages p where p.package_code = p_package_code and p.is_active;
  if v_retail is null then
    perform private.fail('404', 'unknown_package', pg_catalog.format('no active package %s', p_package_code), 'package_code');
  end if;
  v_rate := private.caller_discount_rate();
  return query
  select p_package_code, v_retail, v_rate, f.uzs_per_usd, f.source::text, f.as_of
  from public.fx_rates f order by f.as_of desc, f.id desc limit 1;
end
$$;
revoke all on function public.price_inputs(text) from public;
grant execute on function public.price_inputs(text) to anon, authenticated, service_role;

create or replace function public.catalog_locations()
returns table (location_code text, location_name text, package_count bigint, lowest_retail_usd numeric)
language sql stable
security invoker
set search_path = ''
as $$
  select p.location_code::text, pg_catalog.max(p.location_name)::text, pg_catalog.count(*), pg_catalog.min(p.final_price_usd)
  from public.esim_packages p
  where p.is_active and p.package_type = 'BASE' and p.location_code is not null
  group by p.location_code
  order by p.location_code
$$;
revoke all on function public.catalog_locations() from public;
grant execute on function public.catalog_locations() to anon, authenticated, service_role;

-- Active packages of a location (p_location_code: TR, EU-42) and/or that work in a country
-- (p_country: DE also finds Europe-42 and Global), cheapest first, with the caller's price and the
-- countries and networks each covers; optionally only those with at least p_min_data_bytes of data,
-- valid p_min_days to p_max_days, costing the caller at most p_max_price_usd. The argument list
-- grew over time: older ones are dropped first so there is never an overload.
--
-- The implementation is SECURITY DEFINER in the unexposed schema and reads active packages only
-- (what every caller may see anyway): under RLS, PostgreSQL may not use a caller's non-leakproof
-- condition such as `covered_countries @> array['DE']` as an index condition, so the GIN index on
-- covered_countries would never be used. The exposed function is a thin SECURITY INVOKER wrapper.
drop function if exists public.catalog_packages(text, text, integer, integer);
drop function if exists public.catalog_packages(text, text, integer, integer, text);
create or replace function private.catalog_packages(p_location_code text default null, p_package_type text default 'BASE',
  p_limit integer default 100, p_offset integer default 0, p_country text default null,
  p_min_data_bytes bigint default null, p_min_days integer default null, p_max_days integer default null,
  p_max_price_usd numeric default null)
returns table (package_code text, name text, location_code text, location_name text, package_type text,
               data_volume_bytes bigint, duration integer, duration_unit text, retail_usd numeric,
               discount_rate numeric, your_price_usd numeric, discount_usd numeric, retail_uzs numeric,
               your_price_uzs numeric, uzs_per_usd numeric, covered_countries text[], networks jsonb)
language plpgsql stable
security definer
set search_path = ''
as $$
declare
  v_rate numeric := private.caller_discount_rate();
  v_fx numeric := private.current_fx();
begin
  if p_limit is null or p_limit < 1 or p_limit > 1000 or p_offset is null or p_offset < 0 then
    perform private.fail('400', 'out_of_range', 'limit is 1 to 1000, offset 0 or more', 'limit');
  end if;
  if p_location_code is null and p_country is null then
    perform private.fail('400', 'required', 'name a location or a country', 'location_code');
  end if;
  if p_country is not null and p_country !~ '^[A-Za-z]{2}$' then
    perform private.fail('400', 'invalid_country', 'a country is a two-letter ISO code', 'country');
  end if;
  if p_min_data_bytes < 0 then
    perform private.fail('400', 'must_not_be_negative', 'minimum data must be 0 or more', 'min_data_bytes');
  end if;
  if p_min_days < 0 or p_max_days < 0 or p_min_days > p_max_days then
    perform private.fail('400', 'out_of_range', 'days are 0 or more, minimum at most maximum', 'min_days');
  end if;
  -- (NaN and infinity sort above every number: the upper bound refuses them too)
  if p_max_price_usd < 0 or p_max_price_usd >= 1e8 or p_max_price_usd <> pg_catalog.round(p_max_price_usd, 2) then
    perform private.fail('400', 'invalid_price', 'a maximum price is 0 to 99 999 999.99 with at most 2 decimals', 'max_price_usd');
  end if;
  return query
  select p.package_code::text, p.name::text, p.location_code::text, p.location_name::text, p.package_type::text,
         p.data_volume_bytes, p.duration, p.duration_unit::text, p.final_price_usd, v_rate,
         q.paid_usd, q.discount_usd, q.retail_uzs, q.paid_uzs, v_fx, p.covered_countries, p.networks
  from public.esim_packages p
  cross join lateral private.price_quote(p.final_price_usd, v_rate, v_fx) q
  where p.is_active and p.package_type = coalesce(p_package_type, p.package_type) and p.final_price_usd is not null
    and (p_location_code is null or p.location_code = p_location_code)
    and (p_country is null or p.covered_countries @> array[pg_catalog.upper(p_country)])
    and (p_min_data_bytes is null or p.data_volume_bytes >= p_min_data_bytes)
    and (p_min_days is null or private.duration_days(p.duration, p.duration_unit) >= p_min_days)
    and (p_max_days is null or private.duration_days(p.duration, p.duration_unit) <= p_max_days)
    and (p_max_price_usd is null or q.paid_usd <= p_max_price_usd)
  order by p.final_price_usd, p.package_code
  limit p_limit offset p_offset;
end
$$;
revoke all on function private.catalog_packages(text, text, integer, integer, text, bigint, integer, integer, numeric) from public;
grant execute on function private.catalog_packages(text, text, integer, integer, text, bigint, integer, integer, numeric)
  to anon, authenticated, service_role;

create or replace function public.catalog_packages(p_location_code text default null, p_package_type text default 'BASE',
  p_limit integer default 100, p_offset integer default 0, p_country text default null,
  p_min_data_bytes bigint default null, p_min_days integer default null, p_max_days integer default null,
  p_max_price_usd numeric default null)
returns table (package_code text, name text, location_code text, location_name text, package_type text,
               data_volume_bytes bigint, duration integer, duration_unit text, retail_usd numeric,
               discount_rate numeric, your_price_usd numeric, discount_usd numeric, retail_uzs numeric,
               your_price_uzs numeric, uzs_per_usd numeric, covered_countries text[], networks jsonb)
language sql stable
security invoker
set search_path = ''
as $$
  select * from private.catalog_packages(p_location_code, p_package_type, p_limit, p_offset, p_country, p_min_data_bytes,
                                         p_min_days, p_max_days, p_max_price_usd)
$$;
revoke all on function public.catalog_packages(text, text, integer, integer, text, bigint, integer, integer, numeric) from public;
grant execute on function public.catalog_packages(text, text, integer, integer, text, bigint, integer, integer, numeric)
  to anon, authenticated, service_role;
