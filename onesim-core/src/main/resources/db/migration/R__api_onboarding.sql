-- API functions: partner onboarding: apply, and an admin's review.
-- Repeatable (Flyway runs it after every versioned migration and again whenever it changes): the
-- current definition of each API function lives in one R__api_* file; versioned files hold tables,
-- data, triggers, helpers and policies. Plain SQL, safe to run again with psql (docs/architecture.md).

-- The work runs in private SECURITY DEFINER functions (the insert needs to pass the admin-only
-- insert policy); the exposed public functions are SECURITY INVOKER wrappers (advisor rule).
-- An integration credential's user never applies (it acts for its partner only, V19).
create or replace function private.apply_as_partner(
  p_company_name text,
  p_business_email text,
  p_business_phone text,
  p_country_code text,
  p_business_type text,
  p_documents jsonb)
returns public.partners
language plpgsql security definer
set search_path = ''
as $$
declare
  v_user uuid := auth.uid();   -- evaluated in place (V4, current_partner_id)
  v_partner public.partners%rowtype;
begin
  if v_user is null or not private.is_api_role() or (select auth.role()) <> 'authenticated' then
    perform private.fail('401', 'not_signed_in', 'sign in to apply', null);
  end if;
  if private.is_anonymous() then
    perform private.fail('403', 'anonymous_user', 'sign up or sign in to do this (anonymous sessions can only browse)', null);
  end if;
  if exists (select 1 from public.partner_credentials c where c.user_id = v_user) then
    perform private.fail('403', 'integration_user', 'an integration credential acts for its partner only; it cannot apply', null);
  end if;
  if exists (select 1 from public.partners p where p.user_id = v_user and p.status = 'rejected') then
    perform private.fail('409', 'application_rejected',
      'this user''s application was rejected; OneSIM reviews a new one on request', null);
  end if;
  if exists (select 1 from public.partners p where p.user_id = v_user) then
    perform private.fail('409', 'already_applied', 'this user already runs or applied for a partner account', null);
  end if;
  if p_company_name is null or pg_catalog.btrim(p_company_name) = '' or pg_catalog.length(p_company_name) > 255 then
    perform private.fail('400', 'required', 'company name is required (at most 255 characters)', 'company_name');
  end if;
  if p_business_email is null or p_business_email !~ '^[A-Za-z0-9.!#$%&''*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$' then
    perform private.fail('400', 'invalid_email', 'business email is not an email address', 'business_email');
  end if;
  if p_business_phone is not null and p_business_phone !~ '^\+[1-9][0-9]{1,14}$' then
    perform private.fail('400', 'invalid_phone', 'business phone must be in E.164 form like +998901234567', 'business_phone');
  end if;
  if p_country_code is not null and p_country_code !~ '^[A-Z]{2}$' then
    perform private.fail('400', 'invalid_country', 'country must be an ISO 3166-1 alpha-2 code like UZ', 'country_code');
  end if;
  if p_documents is null or pg_catalog.jsonb_typeof(p_documents) <> 'array' or pg_catalog.jsonb_array_length(p_documents) > 20 then
    perform private.fail('400', 'invalid_documents', 'documents must be an array of at most 20 references', 'documents');
  end if;
  insert into public.partners (user_id, company_name, business_email, business_phone, country_code, company_type,
                               documents, status)
  values (v_user, pg_catalog.btrim(p_company_name), p_business_email, p_business_phone, p_country_code, p_business_type,
          p_documents, 'pending_approval')
  returning * into v_partner;
  return v_partner;
end
$$;

revoke all on function private.apply_as_partner(text, text, text, text, text, jsonb) from public, anon;
grant execute on function private.apply_as_partner(text, text, text, text, text, jsonb) to authenticated;

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

-- An admin's review. Four eyes: nobody reviews a partner they own. A custom rate is bounded by
-- private.max_custom_discount_rate() (docs/decisions/0007-reviews-and-rate-bound.md).
create or replace function private.review_partner(
  p_partner_id uuid,
  p_to_status text,
  p_reason text,
  p_custom_discount_rate numeric)
returns public.partners
language plpgsql security definer
set search_path = ''
as $$
declare
  v_partner public.partners%rowtype;
begin
  if not private.is_admin() then
    perform private.fail('403', 'admin_only', 'only administrators review partners', null);
  end if;
  select * into v_partner from public.partners p where p.id = p_partner_id for update;
  if not found then
    perform private.fail('404', 'unknown_partner', 'no such partner', 'partner_id');
  end if;
  if v_partner.user_id = (select auth.uid()) then
    perform private.fail('403', 'own_application', 'another administrator reviews a partner you own (four eyes)', 'partner_id');
  end if;
  if p_to_status is null or not private.partner_transition_allowed(v_partner.status, p_to_status) then
    perform private.fail('409', 'illegal_transition',
      pg_catalog.format('a %s partner cannot become %s', v_partner.status, coalesce(p_to_status, 'null')), 'status');
  end if;
  if p_to_status in ('rejected', 'suspended', 'deactivated') and (p_reason is null or pg_catalog.btrim(p_reason) = '') then
    perform private.fail('400', 'reason_required', pg_catalog.format('say why the partner is %s', p_to_status), 'reason');
  end if;
  if p_custom_discount_rate is not null and (p_to_status <> 'active'
     or p_custom_discount_rate < 0 or p_custom_discount_rate > private.max_custom_discount_rate()
     or p_custom_discount_rate <> pg_catalog.round(p_custom_discount_rate, 2)
     or not (p_custom_discount_rate > '-Infinity'::numeric and p_custom_discount_rate < 'Infinity'::numeric)) then
    perform private.fail('400', 'invalid_rate', pg_catalog.format('a custom rate is 0.00 to %s with at most 2 decimals, set on approval', private.max_custom_discount_rate()), 'custom_discount_rate');
  end if;
  update public.partners p
  set status = p_to_status,
      status_reason = p_reason,
      custom_discount_rate = coalesce(p_custom_discount_rate, p.custom_discount_rate),
      verified = p.verified or (v_partner.status = 'pending_approval' and p_to_status = 'active'),
      verified_at = case when v_partner.status = 'pending_approval' and p_to_status = 'active' then pg_catalog.now() else p.verified_at end
  where p.id = p_partner_id
  returning * into v_partner;
  if p_to_status = 'active' then
    update public.profiles set user_type = 'partner' where id = v_partner.user_id and user_type = 'customer';
  end if;
  return v_partner;
end
$$;

revoke all on function private.review_partner(uuid, text, text, numeric) from public, anon;
grant execute on function private.review_partner(uuid, text, text, numeric) to authenticated;

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
