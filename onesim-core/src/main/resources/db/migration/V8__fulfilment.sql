-- V8: what the backend's fulfilment needs, and customer create-or-reuse for partners.
--
-- * orders get the provider side: the profile's esim_tran_no, the provider transaction id the
--   backend ordered under (stable, so a replay never buys twice), a lease for the worker that
--   claimed the order, and the failure reason.
-- * claim_pending_orders: atomic claim with FOR UPDATE SKIP LOCKED and a lease (several fulfillers
--   may run; an expired lease is claimable again). Service role only.
-- * complete_allocation: assigns the provider's profiles to the orders of one provider order and
--   marks them ALLOCATED, in one statement (the ledger trigger completes the earnings).
-- * save_partner_customer: the same email (case-insensitive) for the same partner is the same
--   customer; returns the existing or new row.

alter table public.orders
  add column if not exists esim_tran_no varchar(32),
  add column if not exists provider_transaction_id varchar(64),
  add column if not exists fulfilment_worker varchar(64),
  add column if not exists fulfilment_lease_until timestamptz,
  add column if not exists failure_reason text;
-- A signed-in buyer need not send user_id: it is the caller (RLS still checks it).
alter table public.orders alter column user_id set default auth.uid();

create index if not exists idx_orders_pending_claim on public.orders (created_at) where order_status = 'PENDING';
create index if not exists idx_orders_provider_txn on public.orders (provider_transaction_id) where provider_transaction_id is not null;
create index if not exists idx_orders_esim_order_no on public.orders (esim_order_no) where esim_order_no is not null;

create or replace function public.claim_pending_orders(p_worker text, p_limit integer default 100, p_lease_seconds integer default 120)
returns setof public.orders
language sql
security invoker
set search_path = ''
as $$
  update public.orders o
  set fulfilment_worker = p_worker,
      fulfilment_lease_until = pg_catalog.now() + pg_catalog.make_interval(secs => p_lease_seconds)
  where o.id in (
    select c.id from public.orders c
    where c.order_status = 'PENDING'
      and (c.fulfilment_lease_until is null or c.fulfilment_lease_until < pg_catalog.now())
    order by c.created_at, c.id
    limit least(greatest(p_limit, 1), 1000)
    for update skip locked)
  returning o.*
$$;

-- p_profiles: [{"esim_tran_no": …, "iccid": …, "activation_code": …, "qr_code_url": …, "esim_status": …}, …]
-- assigned in order to the PROCESSING orders of p_esim_order_no (oldest first). Returns the orders.
create or replace function public.complete_allocation(p_esim_order_no text, p_profiles jsonb)
returns setof public.orders
language sql
security invoker
set search_path = ''
as $$
  with targets as (
    select o.id, pg_catalog.row_number() over (order by o.created_at, o.id) as n
    from public.orders o
    where o.esim_order_no = p_esim_order_no and o.order_status = 'PROCESSING' and o.esim_tran_no is null),
  profiles as (
    select p.value as profile, p.ordinality as n
    from pg_catalog.jsonb_array_elements(p_profiles) with ordinality p
    where not exists (select 1 from public.orders d where d.esim_tran_no = p.value ->> 'esim_tran_no'))
  update public.orders o
  set order_status = 'ALLOCATED',
      esim_tran_no = pr.profile ->> 'esim_tran_no',
      iccid = pr.profile ->> 'iccid',
      activation_code = pr.profile ->> 'activation_code',
      qr_code_url = pr.profile ->> 'qr_code_url',
      esim_status = pr.profile ->> 'esim_status',
      fulfilment_lease_until = null
  from targets t join profiles pr on pr.n = t.n
  where o.id = t.id
  returning o.*
$$;

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

revoke all on function public.claim_pending_orders(text, integer, integer) from public, anon, authenticated;
revoke all on function public.complete_allocation(text, jsonb) from public, anon, authenticated;
grant execute on function public.claim_pending_orders(text, integer, integer), public.complete_allocation(text, jsonb) to service_role;
revoke all on function public.save_partner_customer(text, text, text, text, text) from public, anon;
grant execute on function public.save_partner_customer(text, text, text, text, text) to authenticated, service_role;
