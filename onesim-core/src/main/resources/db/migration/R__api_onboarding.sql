-- API functions: partner onboarding: apply, and an admin's review.
-- Repeatable (Flyway runs it after every versioned migration and again whenever it changes): the
-- current definition of each API function lives in one R__api_* file; versioned files hold tables,
-- data, triggers, helpers and policies. Plain SQL, safe to run again with psql (docs/architecture.md).

create or replace function public.apply_as_partner(
  p_company_name text,
  p_business_email text,
  p_business_phone text default null,
  p_country_code text default null,
  p_business_type text default null,
  p_documents jsonb default '[]'::jsonb)
returns public.partners
language sql security invoker
set search_path = ''
as $$
  select * from private.apply_as_partner(p_company_name, p_business_email, p_business_phone, p_country_code,
                                          p_business_type, p_documents)
$$;
revoke all on function public.apply_as_partner(text, text, text, text, text, jsonb) from public, anon;
grant execute on function public.apply_as_partner(text, text, text, text, text, jsonb) to authenticated;

create or replace function public.review_partner(
  p_partner_id uuid,
  p_to_status text,
  p_reason text default null,
  p_custom_discount_rate numeric default null)
returns public.partners
language sql security invoker
set search_path = ''
as $$
  select * from private.review_partner(p_partner_id, p_to_status, p_reason, p_custom_discount_rate)
$$;
revoke all on function public.review_partner(uuid, text, text, numeric) from public, anon;
grant execute on function public.review_partner(uuid, text, text, numeric) to authenticated;
