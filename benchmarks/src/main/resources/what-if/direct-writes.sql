-- What if the purchase wrote its five rows itself, with no trigger on any table it writes? A floor,
-- never a migration: the function below validates nothing, writes the one order the benchmark's
-- call asks for (one customer, one eSIM), and skips what triggers add (the
-- low-balance alert, the earning's sell price, updated_at, column decisions, the direct-insert
-- path's checks). It keeps every constraint and index, so with no-checks.sql, no-foreign-keys.sql and
-- no-secondary-indexes.sql (joined with +) it measures a purchase with no rule of any kind
-- (PurchaseInstructionsBenchmark, docs/benchmarks.md). Each statement ends with a semicolon and an
-- empty line (single-user mode's -j).

do $$
declare t text;
begin
  foreach t in array array['public.orders', 'public.partners', 'public.partner_ledger', 'public.partner_earnings',
                           'public.order_action_logs'] loop
    execute pg_catalog.format('alter table %s disable trigger user', t);
  end loop;
end
$$;

create or replace function private.place_partner_orders(p_package_code text, p_customer_ids uuid[], p_group_id uuid, p_quantity integer, p_idempotency_key text, p_delivery_method text, p_notes text)
returns setof public.orders language plpgsql security definer set search_path = '' set plan_cache_mode = force_generic_plan
as $$
declare
  v_user uuid := auth.uid();
  v_partner public.partners%rowtype;
  v_retail numeric;
  v_fx numeric;
  q record;
begin
  if p_idempotency_key is not null and not private.claim_idempotency_key(p_idempotency_key, pg_catalog.md5(pg_catalog.jsonb_build_array('place_partner_orders', p_package_code, p_customer_ids, p_group_id, p_quantity, coalesce(p_delivery_method, 'email'), p_notes)::text)) then
    return;
  end if;
  select * into v_partner from public.partners p where p.user_id = v_user for no key update;
  select p.final_price_usd into v_retail from public.esim_packages p where p.package_code = p_package_code and p.is_active;
  v_fx := private.current_fx();
  q := private.price_quote(v_retail, v_partner.effective_discount_rate, v_fx);
  return query
  with ins as (
    insert into public.orders (id, transaction_id, user_id, source_type, partner_id, end_customer_id, end_customer_type, customer_group_id,
                               customer_first_name, customer_last_name, customer_email, customer_phone,
                               package_code, delivery_method, notes, idempotency_key, idempotency_line,
                               discount_applicable, retail_price_override_usd, fx_rate_uzs, discount_rate,
                               discount_amount_usd, discount_amount_uzs, price_usd, price_uzs, partner_paid_usd, partner_paid_uzs,
                               payment_status, paid_at, payment_reference)
    select n.id, 'onesim-' || n.id::text, v_user, 'b2b_partner', v_partner.id, c.id, 'b2b_partner_customer', p_group_id,
           c.first_name, c.last_name, c.email, c.phone,
           p_package_code, coalesce(p_delivery_method, 'email'), p_notes, p_idempotency_key, 1,
           true, v_retail, v_fx, v_partner.effective_discount_rate,
           q.discount_usd, q.discount_uzs, q.paid_usd, q.paid_uzs, q.paid_usd, q.paid_uzs,
           'paid', pg_catalog.now(), 'balance'
    from (select pg_catalog.gen_random_uuid() as id) n
    join public.partner_customers c on c.id = any (p_customer_ids) and c.partner_id = v_partner.id
    returning *
  ), led as (
    insert into public.partner_ledger (partner_id, kind, amount_usd, order_id, created_by)
    select i.partner_id, 'purchase', -i.price_usd, i.id, v_user from ins i
  ), bal as (
    update public.partners p set balance_usd = p.balance_usd - (select sum(i.price_usd) from ins i) where p.id = v_partner.id
  ), ear as (
    insert into public.partner_earnings (partner_id, order_id, retail_price_usd, discount_rate, discount_amount_usd, discount_amount_uzs,
        partner_paid_usd, partner_paid_uzs, fx_rate_uzs, status)
    select i.partner_id, i.id, i.retail_price_override_usd, i.discount_rate, i.discount_amount_usd, i.discount_amount_uzs,
           i.partner_paid_usd, i.partner_paid_uzs, i.fx_rate_uzs, 'pending' from ins i
  ), aud as (
    insert into public.order_action_logs (order_id, action, from_status, to_status, actor_id, actor_role)
    select i.id, 'created', null, i.order_status, v_user, 'authenticated' from ins i
  )
  select * from ins;
end
$$;
