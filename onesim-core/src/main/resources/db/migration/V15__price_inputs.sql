-- V15: the inputs the database prices an order from, in one call, so a client can quote exactly
-- what the order will cost (onesim-core PriceQuote applies the same rule to the same inputs):
-- the active package's retail price, the caller's effective discount rate (its active partner's,
-- else 0) and the newest FX snapshot. The order insert (V4) reads the same three values.
-- The caller's discount: its active partner's effective rate, else 0 (visitors and consumers too;
-- SECURITY DEFINER so an anonymous visitor, who may not read partners, gets 0 rather than an error).
create or replace function private.caller_discount_rate() returns numeric
language sql stable security definer
set search_path = ''
as $$
  select coalesce((select p.effective_discount_rate from public.partners p
                   where p.user_id = (select auth.uid()) and p.status = 'active'), 0)
$$;
revoke all on function private.caller_discount_rate() from public;
grant execute on function private.caller_discount_rate() to anon, authenticated, service_role;

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
