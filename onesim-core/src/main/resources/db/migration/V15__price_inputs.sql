-- V15: the inputs the database prices an order from, in one call, so a client can quote exactly
-- what the order will cost (onesim-core PriceQuote applies the same rule to the same inputs):
-- the active package's retail price, the caller's effective discount rate (its active partner's,
-- else 0) and the newest FX snapshot. The order insert (V4) reads the same three values.
-- The caller's discount: its active partner's effective rate, else 0 (visitors and consumers too;
-- SECURITY DEFINER so an anonymous visitor, who may not read partners, gets 0 rather than an error).
create or replace function private.caller_discount_rate() returns numeric
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return coalesce((select p.effective_discount_rate from public.partners p
                   where p.id = private.current_partner_id() and p.status = 'active'), 0);
end
$$;
revoke all on function private.caller_discount_rate() from public;
grant execute on function private.caller_discount_rate() to anon, authenticated, service_role;

-- The API functions this migration introduced live, in their current form, in R__api_catalogue.sql.
