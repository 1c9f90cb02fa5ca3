-- V13: idempotency like a payment API, and each caller on its own purchase call.
--
-- * An idempotency key is scoped to the signed-in user and bound to the request it first came
--   with (a fingerprint of the arguments). The same key with the same request returns the first
--   call's orders; with a different request it is refused (409, idempotency_key_reused) and
--   nothing is written. Concurrent calls with one key are serialised on the key, so exactly one of
--   them inserts and every caller gets its orders. Keys are kept as long as the orders they made.
-- * A partner that calls the consumer purchase (a direct b2c insert) gets a typed error naming
--   the partner calls instead of a full-price consumer order.

create table if not exists private.idempotency_keys (
  user_id uuid not null,
  key text not null,
  request_fingerprint text not null,
  created_at timestamptz not null default now(),
  primary key (user_id, key)
);
revoke all on private.idempotency_keys from public, anon, authenticated, service_role;

-- Returns true when the key is new for the caller (go on and insert), false when the same request
-- already ran under it (return its orders); refuses a key reused for another request. Waits for a
-- concurrent call with the same key to finish first (transaction-scoped advisory lock).
create or replace function private.claim_idempotency_key(p_key text, p_fingerprint text) returns boolean
language plpgsql security definer
set search_path = ''
as $$
declare
  v_user uuid := (select auth.uid());
  v_known text;
begin
  if v_user is null then
    perform private.fail('401', 'not_signed_in', 'an idempotency key needs a signed-in user', 'idempotency_key');
  end if;
  if pg_catalog.length(p_key) > 128 then
    perform private.fail('400', 'too_long', 'an idempotency key has at most 128 characters', 'idempotency_key');
  end if;
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended(v_user::text || '/' || p_key, 0));
  select k.request_fingerprint into v_known from private.idempotency_keys k where k.user_id = v_user and k.key = p_key;
  if v_known is null then
    insert into private.idempotency_keys (user_id, key, request_fingerprint) values (v_user, p_key, p_fingerprint);
    return true;
  end if;
  if v_known <> p_fingerprint then
    perform private.fail('409', 'idempotency_key_reused',
      'this idempotency key was already used for a different request; use a new key for a new purchase', 'idempotency_key');
  end if;
  return false;
end
$$;
revoke all on function private.claim_idempotency_key(text, text) from public, anon;
grant execute on function private.claim_idempotency_key(text, text) to authenticated, service_role;

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
declare
  v_partner uuid := private.current_partner_id();
  v_customers uuid[];
  v_visible integer;
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
      where o.user_id = (select auth.uid()) and o.idempotency_key = p_idempotency_key
      order by o.idempotency_line;
    return;
  end if;

  if p_group_id is not null then
    if not exists (select 1 from public.customer_groups g where g.id = p_group_id) then
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
    select count(*) into v_visible from public.partner_customers c
    where c.id in (select pg_catalog.unnest(p_customer_ids)) and c.partner_id = v_partner;
    if v_visible <> (select count(distinct x) from pg_catalog.unnest(p_customer_ids) x) then
      perform private.fail('403', 'foreign_customer', 'some customers are not yours', 'customer_ids');
    end if;
  end if;
  if pg_catalog.cardinality(v_customers) * p_quantity > 1000 then
    perform private.fail('400', 'too_many', pg_catalog.format('at most 1000 orders per call, asked for %s',
      pg_catalog.cardinality(v_customers) * p_quantity), 'quantity');
  end if;

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
  select * from ins order by ins.idempotency_line;
end
$$;

-- A partner's user buying through the consumer path would pay retail with no discount and no
-- customer: refuse, and name the right calls.
create or replace function private.orders_check_role_call() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if new.source_type = 'b2c' and private.is_api_role() and not private.is_privileged()
     and private.current_partner_id() is not null then
    perform private.fail('400', 'use_partner_order',
      'partners buy at their discount for a customer: place_partner_order / place_partner_orders '
      || '(OrderService.forCustomer, forCustomers, forGroup), not a b2c order', 'source_type');
  end if;
  return new;
end
$$;
drop trigger if exists trg_02_orders_role_call on public.orders;
create trigger trg_02_orders_role_call before insert on public.orders
  for each row execute function private.orders_check_role_call();
