-- V18: the catalogue as a buyer sees it, in one call each (issue 16, first part).
--
-- * catalog_locations(): every location with active packages, how many, and the lowest retail.
-- * catalog_packages(location, type, limit, offset): active packages of a location with the
--   retail price and the caller's own price (its active partner's effective rate, 0 otherwise) in
--   USD and in som at the current FX snapshot, by the one pricing rule (private.price_quote), so
--   the price shown is the price the order will have.

create index if not exists idx_esim_packages_location_active on public.esim_packages (location_code, final_price_usd)
  where is_active;

-- The catalogue functions (R__api_catalogue.sql) price with these (pure arithmetic and the public FX rate).
grant execute on function private.price_quote(numeric, numeric, numeric), private.current_fx() to anon, authenticated, service_role;

-- The API functions this migration introduced live, in their current form, in R__api_catalogue.sql.
