-- API functions: top-ups (V26) — what can top up an eSIM, buying one, and the backend's side.
-- Repeatable (Flyway runs it after every versioned migration and again whenever it changes): the
-- current definition of each API function lives in one R__api_* file (docs/architecture.md).

-- The eSIM of p_order_id as its owner may top it up: a partner's order of its own, or a consumer's
-- own shop order; allocated and not over. The order's location decides which top-ups fit.
create or replace function private.topup_target(p_order_id uuid) returns public.orders
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_order public.orders%rowtype;
begin
  select * into v_order from public.orders o where o.id = p_order_id
    and ((o.partner_id is not null and o.partner_id = private.current_partner_id())
         or (o.partner_id is null and o.user_id = (select auth.uid())));
  if not found then
    perform private.fail('404', 'unknown_order', 'no such order among yours', 'order_id');
  end if;
  if v_order.payment_status <> 'paid' then
    perform private.fail('409', 'order_not_paid', pg_catalog.format('the eSIM''s order is %s: it cannot be topped up', v_order.payment_status),
      'order_id');
  end if;
  if v_order.order_status <> 'ALLOCATED' or v_order.esim_tran_no is null then
    perform private.fail('409', 'not_allocated', 'only an allocated eSIM can be topped up', 'order_id');
  end if;
  if coalesce(v_order.esim_status, '') in ('CANCEL', 'REVOKE', 'REVOKED', 'USED_EXPIRED', 'UNUSED_EXPIRED') then
    perform private.fail('409', 'esim_closed', pg_catalog.format('the eSIM is %s and cannot be topped up', v_order.esim_status), 'order_id');
  end if;
  return v_order;
end
$$;
revoke all on function private.topup_target(uuid) from public;
grant execute on function private.topup_target(uuid) to authenticated;

-- The discount rate a top-up of an eSIM is priced at, from the same fact that decides who pays:
-- the eSIM's order. A partner's order: that partner's effective rate, and only while it is active
-- (a rate of 0 never stands in for "not active"); a shop order: retail, whoever calls.
create or replace function private.topup_rate(p_partner_id uuid) returns numeric
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_rate numeric;
  v_status text;
begin
  if p_partner_id is null then
    return 0;
  end if;
  select p.effective_discount_rate, p.status into v_rate, v_status from public.partners p where p.id = p_partner_id;
  if v_status is distinct from 'active' then
    perform private.fail('403', 'partner_not_active', pg_catalog.format('the partner account is %s', coalesce(v_status, 'gone')),
      'partner_id');
  end if;
  return v_rate;
end
$$;
revoke all on function private.topup_rate(uuid) from public;
grant execute on function private.topup_rate(uuid) to authenticated, service_role;

-- The top-ups that fit an eSIM, cheapest first, priced like the catalogue for whoever pays for it.
create or replace function public.topup_options(p_order_id uuid)
returns table (package_code text, name text, data_volume_bytes bigint, duration integer, duration_unit text, retail_usd numeric,
               discount_rate numeric, your_price_usd numeric, discount_usd numeric, retail_uzs numeric, your_price_uzs numeric,
               uzs_per_usd numeric)
language plpgsql stable
security invoker
set search_path = ''
as $$
declare
  v_order public.orders%rowtype := private.topup_target(p_order_id);
  v_rate numeric := private.topup_rate(v_order.partner_id);
  v_fx numeric := private.current_fx();
begin
  return query
  select t.package_code::text, t.name::text, t.data_volume_bytes, t.duration, t.duration_unit::text, t.final_price_usd, v_rate,
         q.paid_usd, q.discount_usd, q.retail_uzs, q.paid_uzs, v_fx
  from public.esim_packages t
  cross join lateral private.price_quote(t.final_price_usd, v_rate, v_fx) q
  join public.topup_offers o on o.topup_package_code = t.package_code and o.base_package_code = v_order.package_code
  where t.is_active and t.package_type = 'TOPUP' and t.final_price_usd is not null
  order by t.final_price_usd, t.package_code;
end
$$;
revoke all on function public.topup_options(uuid) from public, anon;
grant execute on function public.topup_options(uuid) to authenticated, service_role;

-- Buys a top-up. A partner pays from its balance now (the insert's trigger, V26: all or nothing, the
-- partner row locked); a consumer's waits for its payment. The same idempotency key with the same request returns the
-- first top-up (also when two calls race); with a different request it is refused.
create or replace function private.buy_topup(p_order_id uuid, p_package_code text, p_idempotency_key text)
returns public.topups
language plpgsql security definer
set search_path = ''
as $$
declare
  v_order public.orders%rowtype := private.topup_target(p_order_id);
  v_partner uuid := v_order.partner_id;
  v_user uuid := auth.uid();   -- evaluated in place (V4, current_partner_id)
  v_retail numeric;
  v_rate numeric := private.topup_rate(v_order.partner_id);
  v_fx numeric := private.current_fx();
  v_quote record;
  v_topup public.topups%rowtype;
begin
  -- the rule of the order calls' keys (V13), which OrderRules.requireValidIdempotencyKey mirrors
  if p_idempotency_key ~ '^[ \t\n\r\f\v]*$' then
    perform private.fail('400', 'required', 'an idempotency key must not be blank', 'idempotency_key');
  end if;
  if pg_catalog.length(p_idempotency_key) > 128 then
    perform private.fail('400', 'too_long', 'an idempotency key has at most 128 characters', 'idempotency_key');
  end if;
  select t.final_price_usd into v_retail from public.esim_packages t
  join public.topup_offers o on o.topup_package_code = t.package_code and o.base_package_code = v_order.package_code
  where t.package_code = p_package_code and t.is_active and t.package_type = 'TOPUP' and t.final_price_usd is not null;
  if v_retail is null then
    perform private.fail('404', 'unknown_topup',
      pg_catalog.format('%s does not top up this eSIM: the provider does not offer it for its plan', p_package_code), 'package_code');
  end if;
  if p_idempotency_key is not null then
    select * into v_topup from public.topups t where t.user_id = v_user and t.idempotency_key = p_idempotency_key;
    if found then
      if v_topup.order_id <> p_order_id or v_topup.package_code <> p_package_code then
        perform private.fail('409', 'idempotency_key_reused', 'this idempotency key was used for a different top-up', 'idempotency_key');
      end if;
      return v_topup;
    end if;
  end if;
  select * into v_quote from private.price_quote(v_retail, v_rate, v_fx);
  insert into public.topups (order_id, partner_id, user_id, package_code, retail_usd, discount_rate, discount_usd, paid_usd,
                             fx_rate_uzs, retail_uzs, discount_uzs, paid_uzs, idempotency_key)
  values (p_order_id, v_partner, v_user, p_package_code, v_retail, v_rate, v_quote.discount_usd, v_quote.paid_usd,
          v_fx, v_quote.retail_uzs, v_quote.discount_uzs, v_quote.paid_uzs, p_idempotency_key)
  on conflict (user_id, idempotency_key) where idempotency_key is not null do nothing
  returning * into v_topup;
  if not found then   -- a concurrent call with the same key won: its top-up, if it is the same request
    select * into v_topup from public.topups t where t.user_id = v_user and t.idempotency_key = p_idempotency_key;
    if v_topup.order_id <> p_order_id or v_topup.package_code <> p_package_code then
      perform private.fail('409', 'idempotency_key_reused', 'this idempotency key was used for a different top-up', 'idempotency_key');
    end if;
    return v_topup;
  end if;
  return v_topup;   -- a partner's is written paid by the insert itself, its balance debited by the same statement (V26)
end
$$;
revoke all on function private.buy_topup(uuid, text, text) from public, anon;
grant execute on function private.buy_topup(uuid, text, text) to authenticated;

create or replace function public.buy_topup(p_order_id uuid, p_package_code text, p_idempotency_key text default null)
returns public.topups
language sql
security invoker
set search_path = ''
as $$
  select * from private.buy_topup(p_order_id, p_package_code, p_idempotency_key)
$$;
revoke all on function public.buy_topup(uuid, text, text) from public, anon;
grant execute on function public.buy_topup(uuid, text, text) to authenticated;

-- The payment provider confirmed a consumer's top-up: the amount must be what it costs.
create or replace function public.confirm_topup_payment(p_topup_id uuid, p_reference text, p_amount_usd numeric)
returns public.topups
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_topup public.topups%rowtype;
begin
  if p_reference is null or pg_catalog.btrim(p_reference) = '' or pg_catalog.length(p_reference) > 128 then
    perform private.fail('400', 'invalid_reference', 'the payment reference is 1 to 128 characters', 'reference');
  end if;
  select * into v_topup from public.topups t where t.id = p_topup_id for update;
  if not found then
    perform private.fail('404', 'unknown_topup', 'no such top-up', 'topup_id');
  end if;
  if v_topup.payment_status = 'paid' and v_topup.payment_reference = p_reference then
    return v_topup;   -- the same confirmation again
  end if;
  if v_topup.payment_status <> 'awaiting_payment' then
    perform private.fail('409', 'not_awaiting_payment', pg_catalog.format('the top-up is %s', v_topup.payment_status), 'topup_id');
  end if;
  if p_amount_usd is distinct from v_topup.paid_usd then
    perform private.fail('400', 'amount_mismatch', pg_catalog.format('the top-up costs %s USD', v_topup.paid_usd), 'amount_usd');
  end if;
  update public.topups t set payment_status = 'paid', paid_at = pg_catalog.now(), payment_reference = p_reference
  where t.id = p_topup_id returning * into v_topup;
  return v_topup;
end
$$;
revoke all on function public.confirm_topup_payment(uuid, text, numeric) from public, anon, authenticated;
grant execute on function public.confirm_topup_payment(uuid, text, numeric) to service_role;

-- Claims paid top-ups waiting for the provider (SKIP LOCKED + lease), with the eSIM they top up.
create or replace function public.claim_topups(p_worker text, p_limit integer default 50, p_lease_seconds integer default 120)
returns table (id uuid, order_id uuid, package_code text, esim_tran_no text, iccid text, attempts integer,
               provider_identifier text, failure_reason text, volume_before bigint)
language plpgsql
security invoker
set search_path = ''
as $$
begin
  perform private.check_claim(p_worker, p_limit, p_lease_seconds);
  return query
  with claimed as (
    update public.topups t
    set lease_worker = p_worker, attempts = t.attempts + 1,
        lease_until = pg_catalog.now() + pg_catalog.make_interval(secs => p_lease_seconds)
    where t.id in (
      select c.id from public.topups c
      where c.status = 'pending' and c.payment_status = 'paid' and (c.lease_until is null or c.lease_until < pg_catalog.now())
      order by c.created_at, c.id
      limit p_limit
      for update skip locked)
    returning t.*)
  select c.id, c.order_id, c.package_code::text, o.esim_tran_no::text, o.iccid::text, c.attempts, c.provider_identifier::text,
         c.failure_reason, c.volume_before
  from claimed c join public.orders o on o.id = c.order_id
  order by c.created_at, c.id;
end
$$;
revoke all on function public.claim_topups(text, integer, integer) from public, anon, authenticated;
grant execute on function public.claim_topups(text, integer, integer) to service_role;

-- The fence before every esim/topup: the worker must still hold the top-up under a live lease, and
-- the lease is extended to cover the whole call (p_hold_seconds: the provider client's bound on one
-- top-up, retries and verifying queries included). So no other worker claims it while the call may
-- still reach the provider, and a worker whose lease ran out sends nothing (lease_lost). It records
-- which identifier of the eSIM the request names (p_identifier: esimTranNo or iccid), and with the
-- first attempt the eSIM's total volume before it (p_volume_before), which settles a lost answer.
create or replace function public.start_topup(p_topup_id uuid, p_worker text, p_hold_seconds integer,
  p_identifier text default 'esimTranNo', p_volume_before bigint default null)
returns public.topups
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_topup public.topups%rowtype;
begin
  perform private.check_claim(p_worker, 1, p_hold_seconds);
  if p_identifier is null or p_identifier not in ('esimTranNo', 'iccid') then
    perform private.fail('400', 'invalid_identifier', 'a top-up names its eSIM by esimTranNo or iccid', 'identifier');
  end if;
  update public.topups t
  set lease_until = pg_catalog.now() + pg_catalog.make_interval(secs => p_hold_seconds), provider_identifier = p_identifier,
      volume_before = coalesce(t.volume_before, p_volume_before)
  where t.id = p_topup_id and t.status = 'pending' and t.lease_worker = p_worker and t.lease_until > pg_catalog.now()
  returning * into v_topup;
  if v_topup.id is null then
    perform private.fail('409', 'lease_lost', 'this worker no longer holds the top-up', 'topup_id');
  end if;
  return v_topup;
end
$$;
revoke all on function public.start_topup(uuid, text, integer, text, bigint) from public, anon, authenticated;
grant execute on function public.start_topup(uuid, text, integer, text, bigint) to service_role;

-- Records what the provider did with a claimed top-up. applied: the eSIM's new totals go on its
-- order and a topup_applied alert is raised (partner event, traveller notice); failed: the reason
-- is kept and a partner's payment is credited back once; retry: released for the next pass.
create or replace function public.complete_topup(p_topup_id uuid, p_outcome text, p_provider_tran_no text default null,
  p_total_volume bigint default null, p_expired_time timestamptz default null, p_error text default null)
returns public.topups
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_topup public.topups%rowtype;
  v_order public.orders%rowtype;
begin
  if p_outcome is null or p_outcome not in ('applied', 'failed', 'retry', 'review') then
    perform private.fail('400', 'invalid_outcome', 'the outcome is applied, failed, retry or review', 'outcome');
  end if;
  select * into v_topup from public.topups t where t.id = p_topup_id for update;
  if not found then
    perform private.fail('404', 'unknown_topup', 'no such top-up', 'topup_id');
  end if;
  if v_topup.status <> 'pending' then
    return v_topup;   -- already settled: the same outcome reported again
  end if;
  if p_outcome = 'retry' then
    update public.topups t set lease_until = null, failure_reason = pg_catalog.left(p_error, 2000)
    where t.id = p_topup_id returning * into v_topup;
    return v_topup;
  end if;
  if p_outcome = 'review' then
    update public.topups t set status = 'needs_review', lease_until = null, failure_reason = pg_catalog.left(p_error, 2000)
    where t.id = p_topup_id returning * into v_topup;
    return v_topup;
  end if;
  if p_outcome = 'failed' then
    update public.topups t set status = 'failed', lease_until = null, failure_reason = pg_catalog.left(coalesce(p_error, 'refused'), 2000),
           payment_status = case when t.partner_id is not null and t.payment_status = 'paid' then 'refunded' else t.payment_status end
    where t.id = p_topup_id returning * into v_topup;
    if v_topup.partner_id is not null then
      perform private.refund_partner_topup(p_topup_id);
    end if;
    return v_topup;
  end if;
  update public.orders o
  set data_total_bytes = greatest(o.data_total_bytes, p_total_volume),
      expires_at = coalesce(p_expired_time, o.expires_at),
      usage_updated_at = pg_catalog.now()
  where o.id = v_topup.order_id
  returning * into v_order;
  update public.topups t
  set status = 'applied', applied_at = pg_catalog.now(), lease_until = null, failure_reason = null,
      provider_tran_no = pg_catalog.left(p_provider_tran_no, 64),
      data_added_bytes = (select p.data_volume_bytes from public.esim_packages p where p.package_code = t.package_code)
  where t.id = p_topup_id returning * into v_topup;
  insert into public.esim_alerts (order_id, partner_id, user_id, kind, ref, details)
  values (v_order.id, v_order.partner_id, v_order.user_id, 'topup_applied', v_topup.id::text,
          pg_catalog.jsonb_build_object('topup_id', v_topup.id, 'package_code', v_topup.package_code,
            'data_total_bytes', v_order.data_total_bytes, 'expires_at', v_order.expires_at))
  on conflict (order_id, kind, ref) do nothing;
  return v_topup;
end
$$;
revoke all on function public.complete_topup(uuid, text, text, bigint, timestamptz, text) from public, anon, authenticated;
grant execute on function public.complete_topup(uuid, text, text, bigint, timestamptz, text) to service_role;

-- A person at OneSIM settles a top-up in needs_review after checking the provider's console, through
-- the backend (OneSimBackend.resolveTopUp): applied (the eSIM got the data; no refund) or not applied
-- (failed; a partner is credited back once). Admins see these top-ups (status needs_review).
create or replace function public.resolve_topup(p_topup_id uuid, p_applied boolean, p_note text)
returns public.topups
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_topup public.topups%rowtype;
begin
  if not private.is_backend() then
    perform private.fail('403', 'backend_only', 'top-ups are settled by OneSIM''s backend', null);
  end if;
  if p_applied is null or p_note is null or pg_catalog.btrim(p_note) = '' then
    perform private.fail('400', 'required', 'say whether it was applied, and how you know', 'note');
  end if;
  select * into v_topup from public.topups t where t.id = p_topup_id for update;
  if not found then
    perform private.fail('404', 'unknown_topup', 'no such top-up', 'topup_id');
  end if;
  if v_topup.status <> 'needs_review' then
    perform private.fail('409', 'illegal_transition', pg_catalog.format('a %s top-up is not waiting for review', v_topup.status), 'status');
  end if;
  update public.topups t set status = 'pending' where t.id = p_topup_id;
  return public.complete_topup(p_topup_id, case when p_applied then 'applied' else 'failed' end, null, null, null,
    'settled by review: ' || pg_catalog.left(p_note, 1000));
end
$$;
revoke all on function public.resolve_topup(uuid, boolean, text) from public, anon, authenticated;
grant execute on function public.resolve_topup(uuid, boolean, text) to service_role;
