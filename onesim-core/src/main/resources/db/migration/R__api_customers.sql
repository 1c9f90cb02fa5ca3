-- API functions: partner customers: create-or-reuse by email, one at a time or in bulk.
-- Repeatable (Flyway runs it after every versioned migration and again whenever it changes): the
-- current definition of each API function lives in one R__api_* file; versioned files hold tables,
-- data, triggers, helpers and policies. Plain SQL, safe to run again with psql (docs/architecture.md).

create or replace function public.save_partner_customer(
  p_first_name text, p_last_name text, p_email text, p_phone text default null, p_notes text default null)
returns public.partner_customers
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_partner uuid := private.current_partner_id();
  v_row public.partner_customers%rowtype;
begin
  if v_partner is null then
    perform private.fail('403', 'not_a_partner', 'only partners have customers', 'partner_id');
  end if;
  insert into public.partner_customers (partner_id, first_name, last_name, email, phone, notes)
  values (v_partner, p_first_name, p_last_name, p_email, p_phone, p_notes)
  on conflict (partner_id, (pg_catalog.lower(email))) do update
    set first_name = excluded.first_name, last_name = excluded.last_name,
        phone = coalesce(excluded.phone, public.partner_customers.phone),
        notes = coalesce(excluded.notes, public.partner_customers.notes)
  returning * into v_row;
  return v_row;
end
$$;
revoke all on function public.save_partner_customer(text, text, text, text, text) from public, anon;
grant execute on function public.save_partner_customer(text, text, text, text, text) to authenticated, service_role;

create or replace function public.save_partner_customers(p_rows jsonb)
returns setof public.partner_customers
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_partner uuid := private.current_partner_id();
begin
  if v_partner is null then
    perform private.fail('403', 'not_a_partner', 'only partners have customers', 'partner_id');
  end if;
  if p_rows is null or pg_catalog.jsonb_typeof(p_rows) <> 'array' or pg_catalog.jsonb_array_length(p_rows) > 1000 then
    perform private.fail('400', 'out_of_range', 'give an array of at most 1000 customers', 'rows');
  end if;
  return query
  insert into public.partner_customers (partner_id, first_name, last_name, email, phone, notes)
  select distinct on (pg_catalog.lower(r ->> 'email'))
         v_partner, r ->> 'first_name', r ->> 'last_name', r ->> 'email', r ->> 'phone', r ->> 'notes'
  from pg_catalog.jsonb_array_elements(p_rows) with ordinality as t(r, n)
  order by pg_catalog.lower(r ->> 'email'), n desc
  on conflict (partner_id, (pg_catalog.lower(email))) do update
    set first_name = excluded.first_name, last_name = excluded.last_name,
        phone = coalesce(excluded.phone, public.partner_customers.phone),
        notes = coalesce(excluded.notes, public.partner_customers.notes)
  returning *;
end
$$;
revoke all on function public.save_partner_customers(jsonb) from public, anon;
grant execute on function public.save_partner_customers(jsonb) to authenticated, service_role;
