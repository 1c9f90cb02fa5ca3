-- API functions: partner purchases (single, list, group), sell prices and the dashboard.
-- Repeatable (Flyway runs it after every versioned migration and again whenever it changes): the
-- current definition of each API function lives in one R__api_* file; versioned files hold tables,
-- data, triggers, helpers and policies. Plain SQL, safe to run again with psql (docs/architecture.md).

-- The work runs as the owner (SECURITY DEFINER, like private.buy_topup): every read names the
-- caller's partner itself, and the orders it writes meet the insert policy by construction, so row
-- level security is not evaluated again for each read, the insert and its returned rows (issue 29:
-- that was a tenth of a purchase). The orders' triggers judge the insert as before: the caller's
-- role is still the session's role setting (column decisions, ownership, price, payment).
create or replace function private.place_partner_orders(
  p_package_code text,
  p_customer_ids uuid[],
  p_group_id uuid,
  p_quantity integer,
  p_idempotency_key text,
  p_delivery_method text,
  p_notes text)
returns setof public.orders
language plpgsql
security definer
set search_path = ''
-- Generic plans, planned once per session: left to choose, PostgreSQL re-plans the insert at every
-- call (its generate_series(1, p_quantity) looks cheaper with the value known), and the planning
-- cost about 15 % of a purchase (issue 29; docs/benchmarks.md, instruction counts).
set plan_cache_mode = force_generic_plan
as $$
declare
  v_partner uuid := private.current_partner_id();
  v_customers uuid[];
begin
  if v_partner is null then
    perform private.fail('403', 'not_a_partner',
      'only partners can place partner orders; a consumer buys with a b2c order (OrderService.buy)', 'partner_id');
  end if;
  if p_quantity is null or p_quantity < 1 or p_quantity > 1000 then
    perform private.fail('400', 'out_of_range', pg_catalog.format('quantity must be between 1 and 1000, got %s', p_quantity), 'quantity');
  end if;
  if p_idempotency_key is not null and not private.claim_idempotency_key(p_idempotency_key,
       pg_catalog.md5(pg_catalog.jsonb_build_array('place_partner_orders', p_package_code, p_customer_ids, p_group_id,
                                                    p_quantity, coalesce(p_delivery_method, 'email'), p_notes)::text)) then
    return query select * from public.orders o
      where o.user_id = (select auth.uid()) and o.partner_id = v_partner and o.idempotency_key = p_idempotency_key
      order by o.idempotency_line;
    return;
  end if;

  if p_group_id is not null then
    if not exists (select 1 from public.customer_groups g where g.id = p_group_id and g.partner_id = v_partner) then
      perform private.fail('404', 'unknown_group', 'no such group among your groups', 'group_id');
    end if;
    if p_customer_ids is not null then
      perform private.fail('400', 'not_allowed', 'give a group or a list of customers, not both', 'customer_ids');
    end if;
    select pg_catalog.array_agg(m.customer_id order by m.added_at, m.customer_id) into v_customers
    from public.customer_group_members m where m.group_id = p_group_id;
    if v_customers is null then
      perform private.fail('400', 'empty_group', 'the group has no members', 'group_id');
    end if;
  else
    if p_customer_ids is null or pg_catalog.cardinality(p_customer_ids) = 0 then
      perform private.fail('400', 'required', 'give a group or at least one customer', 'customer_ids');
    end if;
    v_customers := p_customer_ids;
    if exists (select 1 from pg_catalog.unnest(p_customer_ids) x
               left join public.partner_customers c on c.id = x and c.partner_id = v_partner
               where x is not null and c.id is null) then
      perform private.fail('403', 'foreign_customer', 'some customers are not yours', 'customer_ids');
    end if;
  end if;
  if pg_catalog.cardinality(v_customers) * p_quantity > 1000 then
    perform private.fail('400', 'too_many', pg_catalog.format('at most 1000 orders per call, asked for %s',
      pg_catalog.cardinality(v_customers) * p_quantity), 'quantity');
  end if;

  -- The partner's account row is locked first, before any order row: concurrent purchases of one
  -- partner queue here, in one lock order (no deadlock), and the balance check sees every debit.
  perform 1 from public.partners p where p.id = v_partner for no key update;
  -- The orders are written paid (their before-insert trigger) and the statement debits the balance
  -- before it ends (V16), so what the insert returns is what is stored: no second read.
  return query
  with ins as (
    insert into public.orders (user_id, source_type, partner_id, end_customer_id, end_customer_type, customer_group_id,
                               package_code, delivery_method, notes, idempotency_key, idempotency_line)
    select (select auth.uid()), 'b2b_partner', v_partner, c.id, 'b2b_partner_customer', p_group_id,
           p_package_code, coalesce(p_delivery_method, 'email'), p_notes, p_idempotency_key,
           (row_number() over (order by c.ord, q.n))::integer
    from pg_catalog.unnest(v_customers) with ordinality as c(id, ord)
    cross join pg_catalog.generate_series(1, p_quantity) as q(n)
    returning *
  )
  select * from ins order by ins.idempotency_line, ins.created_at, ins.id;
end
$$;
revoke all on function private.place_partner_orders(text, uuid[], uuid, integer, text, text, text) from public, anon;
grant execute on function private.place_partner_orders(text, uuid[], uuid, integer, text, text, text) to authenticated, service_role;

create or replace function public.place_partner_orders(
  p_package_code text,
  p_customer_ids uuid[] default null,
  p_group_id uuid default null,
  p_quantity integer default 1,
  p_idempotency_key text default null,
  p_delivery_method text default 'email',
  p_notes text default null)
returns setof public.orders
language plpgsql
security invoker
set search_path = ''
as $$
begin
  return query select * from private.place_partner_orders(
    p_package_code, p_customer_ids, p_group_id, p_quantity, p_idempotency_key, p_delivery_method, p_notes);
end
$$;
revoke all on function public.place_partner_orders(text, uuid[], uuid, integer, text, text, text) from public, anon;
grant execute on function public.place_partner_orders(text, uuid[], uuid, integer, text, text, text) to authenticated, service_role;

-- One partner customer, quantity eSIMs.
create or replace function public.place_partner_order(
  p_customer_id uuid,
  p_package_code text,
  p_quantity integer default 1,
  p_idempotency_key text default null,
  p_delivery_method text default 'email',
  p_notes text default null)
returns setof public.orders
language plpgsql
security invoker
set search_path = ''
as $$
begin
  -- PL/pgSQL, not SQL: a SQL function with its own search_path is parsed and planned at every call
  return query select * from private.place_partner_orders(
    p_package_code, array[p_customer_id], null, p_quantity, p_idempotency_key, p_delivery_method, p_notes);
end
$$;
revoke all on function public.place_partner_order(uuid, text, integer, text, text, text) from public, anon;
grant execute on function public.place_partner_order(uuid, text, integer, text, text, text) to authenticated, service_role;

-- A partner logs what it charged its customer, in USD or in som (p_currency); the earning keeps
-- both (the other at the order's FX snapshot, V24) and shows the actual profit in both.
drop function if exists public.log_sell_price(uuid, numeric);
create or replace function public.log_sell_price(p_order_id uuid, p_sell_price numeric, p_currency text default 'USD')
returns public.partner_earnings
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_earning public.partner_earnings%rowtype;
  v_scale integer := case p_currency when 'USD' then 2 when 'UZS' then 0 end;
begin
  if v_scale is null then
    perform private.fail('400', 'unknown_currency', 'a sell price is in USD or UZS', 'currency');
  end if;
  if p_sell_price is null or p_sell_price < 0 then
    perform private.fail('400', 'must_not_be_negative', 'sell price must be 0 or more', 'sell_price');
  end if;
  if p_sell_price <> pg_catalog.round(p_sell_price, v_scale) then
    perform private.fail('400', 'too_many_decimals',
      pg_catalog.format('a sell price in %s has at most %s decimals', p_currency, v_scale), 'sell_price');
  end if;
  select * into v_earning from public.partner_earnings e where e.order_id = p_order_id;
  if not found then
    perform private.fail('404', 'unknown_order', 'no such partner order', 'order_id');
  end if;
  if v_earning.status = 'cancelled' then
    perform private.fail('409', 'order_cancelled', 'the order was cancelled or failed', 'order_id');
  end if;
  if p_currency = 'USD' then
    update public.partner_earnings e set partner_sell_price_usd = p_sell_price, partner_sell_currency = 'USD'
    where e.id = v_earning.id returning * into v_earning;
  else
    update public.partner_earnings e set partner_sell_price_uzs = p_sell_price, partner_sell_currency = 'UZS'
    where e.id = v_earning.id returning * into v_earning;
  end if;
  return v_earning;
end
$$;
revoke all on function public.log_sell_price(uuid, numeric, text) from public, anon;
grant execute on function public.log_sell_price(uuid, numeric, text) to authenticated, service_role;

-- The partner dashboard in one call: stats, per-customer and per-group breakdowns, recent orders.
-- Partners get their own; admins pass p_partner_id.
create or replace function public.partner_dashboard(p_partner_id uuid default null, p_recent integer default 10)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_partner uuid := coalesce(p_partner_id, private.current_partner_id());
  v_stats jsonb;
begin
  if v_partner is null then
    perform private.fail('403', 'not_a_partner', 'only partners have a dashboard', 'partner_id');
  end if;
  select pg_catalog.to_jsonb(s) into v_stats from public.v_partner_dashboard_stats s where s.partner_id = v_partner;
  if v_stats is null then
    perform private.fail('404', 'unknown_partner', 'no such partner among those you can see', 'partner_id');
  end if;
  return pg_catalog.jsonb_build_object(
    'stats', v_stats,
    'account', (
      select pg_catalog.jsonb_build_object('balance_usd', p.balance_usd, 'credit_limit_usd', p.credit_limit_usd,
               'available_usd', p.balance_usd + p.credit_limit_usd, 'low_balance_threshold_usd', p.low_balance_threshold_usd,
               'balance_low', exists (select 1 from public.partner_alerts a
                                      where a.partner_id = p.id and a.kind = 'balance_low' and a.resolved_at is null))
      from public.partners p where p.id = v_partner),
    'customers', (
      select coalesce(pg_catalog.jsonb_agg(pg_catalog.to_jsonb(c) order by c.total_spent desc, c.last_name, c.id), '[]'::jsonb)
      from (select pc.id, pc.first_name, pc.last_name, pc.email, pc.total_orders, pc.total_spent, pc.last_order_at
            from public.partner_customers pc where pc.partner_id = v_partner) c),
    'groups', (
      select coalesce(pg_catalog.jsonb_agg(pg_catalog.to_jsonb(g) order by g.name, g.id), '[]'::jsonb)
      from (select cg.id, cg.name, cg.destination_name, cg.group_size, x.completed_orders, x.spent_usd, x.savings_usd
            from public.customer_groups cg
            cross join lateral (
              select count(*) as completed_orders,
                     coalesce(sum(e.partner_paid_usd), 0) as spent_usd,
                     coalesce(sum(e.discount_amount_usd), 0) as savings_usd
              from public.orders o join public.partner_earnings e on e.order_id = o.id and e.status = 'completed'
              where o.customer_group_id = cg.id) x
            where cg.partner_id = v_partner) g),
    'recent_orders', (
      select coalesce(pg_catalog.jsonb_agg(pg_catalog.to_jsonb(r) order by r.created_at desc, r.id), '[]'::jsonb)
      from (select o.id, o.created_at, o.package_code, o.order_status, o.customer_first_name, o.customer_last_name,
                   o.retail_price_override_usd as retail_usd, o.price_usd as paid_usd, o.discount_amount_usd as savings_usd
            from public.orders o where o.partner_id = v_partner
            order by o.created_at desc, o.id limit greatest(0, least(coalesce(p_recent, 10), 100))) r));
end
$$;
revoke all on function public.partner_dashboard(uuid, integer) from public, anon;
grant execute on function public.partner_dashboard(uuid, integer) to authenticated, service_role;
