-- V9: bulk customer import and delivery recording, one statement each.
--
-- * save_partner_customers: many customers of the calling partner in one statement; the same email
--   (case-insensitive) is the same customer, so re-importing a list updates instead of duplicating.
-- * record_delivery: stores each order's delivery outcome ({"email": "sent"} …) for the backend.

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

-- p_results: [{"order_id": …, "delivery_status": {…}}, …]
create or replace function public.record_delivery(p_results jsonb)
returns integer
language sql
security invoker
set search_path = ''
as $$
  with updated as (
    update public.orders o
    set delivery_status = coalesce(o.delivery_status, '{}'::jsonb) || (r.value -> 'delivery_status')
    from pg_catalog.jsonb_array_elements(p_results) r
    where o.id = (r.value ->> 'order_id')::uuid
    returning 1)
  select count(*)::integer from updated
$$;

revoke all on function public.save_partner_customers(jsonb) from public, anon;
grant execute on function public.save_partner_customers(jsonb) to authenticated, service_role;
revoke all on function public.record_delivery(jsonb) from public, anon, authenticated;
grant execute on function public.record_delivery(jsonb) to service_role;
