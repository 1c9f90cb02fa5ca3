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
  v_user uuid := auth.uid();   -- evaluated in place (V4, current_partner_id)
  v_known text;
begin
  if v_user is null then
    perform private.fail('401', 'not_signed_in', 'an idempotency key needs a signed-in user', 'idempotency_key');
  end if;
  if p_key ~ '^[ \t\n\r\f\v]*$' then
    perform private.fail('400', 'required', 'an idempotency key must not be blank', 'idempotency_key');
  end if;
  if pg_catalog.length(p_key) > 128 then
    perform private.fail('400', 'too_long', 'an idempotency key has at most 128 characters', 'idempotency_key');
  end if;
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended(v_user::text || '/' || p_key, 0));
  -- a new key, the usual case, is one statement; a known one is read only then
  insert into private.idempotency_keys (user_id, key, request_fingerprint) values (v_user, p_key, p_fingerprint)
  on conflict (user_id, key) do nothing;
  if found then
    return true;
  end if;
  select k.request_fingerprint into v_known from private.idempotency_keys k where k.user_id = v_user and k.key = p_key;
  if v_known <> p_fingerprint then
    perform private.fail('409', 'idempotency_key_reused',
      'this idempotency key was already used for a different request; use a new key for a new purchase', 'idempotency_key');
  end if;
  return false;
end
$$;
revoke all on function private.claim_idempotency_key(text, text) from public, anon;
grant execute on function private.claim_idempotency_key(text, text) to authenticated, service_role;

-- public.place_partner_orders claims the key (private.claim_idempotency_key) before it writes; its
-- current definition is in R__api_partner_orders.sql (it also pays the orders).

-- An active partner's user buying through the consumer path would pay retail with no discount and
-- no customer: refuse, and name the right calls. A user whose partner account is not active (an
-- application waiting for review, a rejected, suspended or deactivated partner) may still shop as a
-- consumer at retail (docs/decisions/0007).
create or replace function private.orders_check_role_call() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if new.source_type is distinct from 'b2c' then   -- asked alone first: with the query below, the whole test runs as a query
    return new;
  end if;
  if private.is_api_role() and not private.is_privileged()
     and exists (select 1 from public.partners p where p.id = private.current_partner_id() and p.status = 'active') then
    perform private.fail('400', 'use_partner_order',
      'partners buy at their discount for a customer: place_partner_order / place_partner_orders '
      || '(OrderService.buyForCustomer, buyForCustomers, buyForGroup), not a b2c order', 'source_type');
  end if;
  return new;
end
$$;
drop trigger if exists trg_02_orders_role_call on public.orders;
create trigger trg_02_orders_role_call before insert on public.orders
  for each row execute function private.orders_check_role_call();
