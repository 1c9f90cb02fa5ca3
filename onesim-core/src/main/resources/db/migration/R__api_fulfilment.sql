-- API functions: the backend's fulfilment: claim paid orders, record the provider's profiles and each delivery.
-- Repeatable (Flyway runs it after every versioned migration and again whenever it changes): the
-- current definition of each API function lives in one R__api_* file; versioned files hold tables,
-- data, triggers, helpers and policies. Plain SQL, safe to run again with psql (docs/architecture.md).

-- The arguments every backend claim takes (orders, webhook deliveries, after-sale requests): a
-- worker name of 1 to 64 characters (when the claim records one), 1 to 1000 rows, a lease of 1 to
-- 3600 seconds. Refused with a typed 400, never clamped.
create or replace function private.check_claim(p_worker text, p_limit integer, p_lease_seconds integer, p_needs_worker boolean default true)
returns void
language plpgsql
set search_path = ''
as $$
begin
  if p_needs_worker and (p_worker is null or pg_catalog.btrim(p_worker) = '' or pg_catalog.length(p_worker) > 64) then
    perform private.fail('400', 'invalid_worker', 'the worker name is 1 to 64 characters', 'worker');
  end if;
  if p_limit is null or p_limit < 1 or p_limit > 1000 then
    perform private.fail('400', 'out_of_range', pg_catalog.format('limit must be between 1 and 1000, got %s', p_limit), 'limit');
  end if;
  if p_lease_seconds is null or p_lease_seconds < 1 or p_lease_seconds > 3600 then
    perform private.fail('400', 'out_of_range',
      pg_catalog.format('the lease must be between 1 and 3600 seconds, got %s', p_lease_seconds), 'lease_seconds');
  end if;
end
$$;
revoke all on function private.check_claim(text, integer, integer, boolean) from public;
grant execute on function private.check_claim(text, integer, integer, boolean) to service_role;

-- Fulfilment claims paid orders only.
create or replace function public.claim_pending_orders(p_worker text, p_limit integer default 100, p_lease_seconds integer default 120)
returns setof public.orders
language plpgsql
security invoker
set search_path = ''
as $$
begin
  perform private.check_claim(p_worker, p_limit, p_lease_seconds);
  -- oldest first, as the worker sends them (an update's RETURNING has no order of its own)
  return query
  with claimed as (
    update public.orders o
    set lease_worker = p_worker,
        lease_until = pg_catalog.now() + pg_catalog.make_interval(secs => p_lease_seconds)
    where o.id in (
      select c.id from public.orders c
      where c.order_status = 'PENDING' and c.payment_status = 'paid'
        and (c.lease_until is null or c.lease_until < pg_catalog.now())
      order by c.created_at, c.id
      limit p_limit
      for update skip locked)
    returning o.*)
  select * from claimed c order by c.created_at, c.id;
end
$$;
revoke all on function public.claim_pending_orders(text, integer, integer) from public, anon, authenticated;
grant execute on function public.claim_pending_orders(text, integer, integer) to service_role;

-- p_profiles: [{"esim_tran_no": …, "iccid": …, "activation_code": …, "qr_code_url": …, "esim_status": …,
--   "smdp_status": …, "total_volume": …, "order_usage": …, "expired_time": …}, …] (the last four may be missing)
-- assigned in order to the PROCESSING orders of p_esim_order_no (oldest first). Returns the orders.
-- Reconcile's claim: whole provider transactions stuck in PROCESSING whose lease ran out (a batch
-- still in flight keeps its fulfiller's lease, so it is not raced) or that p_worker itself holds (a
-- pass of it that failed after claiming, e.g. when the database went away mid-pass or the claim's
-- answer was lost: its next pass resumes them at once instead of after the lease; reconcile only
-- asks the provider before it orders, so taking its own batch again is safe), oldest first, as many whole
-- transactions as fit in p_limit orders (a transaction is never split: a replay must carry the
-- batch's full count). Leased to p_worker; returns every order of the claimed transactions.
create or replace function public.claim_processing_orders(p_worker text, p_limit integer default 900,
  p_lease_seconds integer default 300)
returns setof public.orders
language plpgsql
security invoker
set search_path = ''
as $$
begin
  perform private.check_claim(p_worker, p_limit, p_lease_seconds);
  return query
  with stuck as (
    select o.provider_transaction_id as txn, pg_catalog.count(*) as n, pg_catalog.min(o.created_at) as first_at
    from public.orders o
    where o.order_status = 'PROCESSING' and o.provider_transaction_id is not null and o.review_since is null
      and (o.lease_until is null or o.lease_until < pg_catalog.now() or o.lease_worker = p_worker)
    group by o.provider_transaction_id),
  fitting as (
    select s.txn, pg_catalog.sum(s.n) over (order by s.first_at, s.txn) as running from stuck s),
  claimed as (
    update public.orders o
    set lease_worker = p_worker,
        lease_until = pg_catalog.now() + pg_catalog.make_interval(secs => p_lease_seconds)
    where o.provider_transaction_id in (select f.txn from fitting f where f.running <= p_limit)
      and o.order_status = 'PROCESSING' and o.review_since is null
      and (o.lease_until is null or o.lease_until < pg_catalog.now() or o.lease_worker = p_worker)
    returning o.*)
  select * from claimed c order by c.created_at, c.id;   -- an update's RETURNING has no order of its own
end
$$;
revoke all on function public.claim_processing_orders(text, integer, integer) from public, anon, authenticated;
grant execute on function public.claim_processing_orders(text, integer, integer) to service_role;

-- The fence before a provider order (docs/state-machines.md, "Fulfilment"): moves the batch
-- p_order_ids from PENDING to PROCESSING under p_transaction_id only if p_worker still holds every
-- one of them under a live lease, all or none, and returns the ids it moved. A worker whose lease
-- ran out (another worker may have claimed the orders since) gets none back and sends nothing.
create or replace function public.start_order_batch(p_worker text, p_order_ids uuid[], p_transaction_id text)
returns setof uuid
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_moved uuid[];
begin
  perform private.check_claim(p_worker, 1, 1);
  if p_order_ids is null or pg_catalog.cardinality(p_order_ids) = 0 or pg_catalog.cardinality(p_order_ids) > 1000
     or p_transaction_id is null or pg_catalog.length(p_transaction_id) > 64 then
    perform private.fail('400', 'invalid_batch', 'a batch is 1 to 1000 order ids and a transaction id of at most 64 characters',
      'order_ids');
  end if;
  with moved as (
    update public.orders o
    set order_status = 'PROCESSING', provider_transaction_id = p_transaction_id
    where o.id = any (p_order_ids) and o.order_status = 'PENDING' and o.payment_status = 'paid'
      and o.lease_worker = p_worker and o.lease_until > pg_catalog.now()
    returning o.id)
  select pg_catalog.array_agg(m.id) into v_moved from moved m;
  if coalesce(pg_catalog.cardinality(v_moved), 0) <> (select count(distinct x) from pg_catalog.unnest(p_order_ids) x) then
    raise exception using errcode = 'PT409', message = 'the batch is no longer held by this worker', detail = 'lease_lost',
      hint = 'order_ids';
  end if;
  return query select pg_catalog.unnest(v_moved);
end
$$;
revoke all on function public.start_order_batch(text, uuid[], text) from public, anon, authenticated;
grant execute on function public.start_order_batch(text, uuid[], text) to service_role;

-- A worker gives back the orders of p_order_ids it holds and no longer has in flight (its provider
-- call ended without allocating them): what is still PROCESSING becomes reconcile's at once, what is
-- still PENDING claimable again. Returns how many it released.
create or replace function public.release_order_leases(p_worker text, p_order_ids uuid[])
returns integer
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_released integer;
begin
  perform private.check_claim(p_worker, 1, 1);
  if p_order_ids is null or pg_catalog.cardinality(p_order_ids) > 1000 then
    perform private.fail('400', 'invalid_batch', 'at most 1000 order ids', 'order_ids');
  end if;
  update public.orders o set lease_until = null
  where o.id = any (p_order_ids) and o.lease_worker = p_worker and o.lease_until is not null
    and o.order_status in ('PENDING', 'PROCESSING');
  get diagnostics v_released = row_count;
  return v_released;
end
$$;
revoke all on function public.release_order_leases(text, uuid[]) from public, anon, authenticated;
grant execute on function public.release_order_leases(text, uuid[]) to service_role;

-- Partner rows are locked in one global order (by id) before any order of theirs is updated: the
-- per-row triggers then move totals of partners this transaction already holds, so allocation
-- never forms a lock cycle with another allocation or a purchase (docs/money.md).
create or replace function public.complete_allocation(p_esim_order_no text, p_profiles jsonb)
returns setof public.orders
language plpgsql
security invoker
set search_path = ''
as $$
begin
  perform 1 from public.partners p
  where p.id in (select o.partner_id from public.orders o
                 where o.esim_order_no = p_esim_order_no and o.order_status = 'PROCESSING' and o.partner_id is not null)
  order by p.id
  for no key update;
  return query
  with targets as (
    select o.id, pg_catalog.row_number() over (order by o.created_at, o.id) as n
    from public.orders o
    where o.esim_order_no = p_esim_order_no and o.order_status = 'PROCESSING' and o.esim_tran_no is null),
  -- the profiles not given yet, numbered after leaving out those given (an earlier answer may have
  -- held only some): the k-th order still waiting gets the k-th profile still free
  profiles as (
    select p.value as profile, pg_catalog.row_number() over (order by p.ordinality) as n
    from pg_catalog.jsonb_array_elements(p_profiles) with ordinality p
    where not exists (select 1 from public.orders d where d.esim_tran_no = p.value ->> 'esim_tran_no'))
  update public.orders o
  set order_status = 'ALLOCATED',
      esim_tran_no = pr.profile ->> 'esim_tran_no',
      iccid = pr.profile ->> 'iccid',
      activation_code = pr.profile ->> 'activation_code',
      qr_code_url = pr.profile ->> 'qr_code_url',
      esim_status = pr.profile ->> 'esim_status',
      smdp_status = pr.profile ->> 'smdp_status',
      data_total_bytes = (pr.profile ->> 'total_volume')::bigint,
      data_used_bytes = (pr.profile ->> 'order_usage')::bigint,
      expires_at = (pr.profile ->> 'expired_time')::timestamptz,
      lease_until = null
  from targets t join profiles pr on pr.n = t.n
  where o.id = t.id
  returning o.*;
end
$$;
revoke all on function public.complete_allocation(text, jsonb) from public, anon, authenticated;
grant execute on function public.complete_allocation(text, jsonb) to service_role;

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
    returning o.id, o.partner_id, r.value -> 'delivery_status' as outcome),
  logged as (
    insert into public.delivery_attempts (order_id, partner_id, channel, outcome)
    select u.id, u.partner_id, e.key, e.value from updated u cross join pg_catalog.jsonb_each_text(u.outcome) e
    returning 1)
  select count(*)::integer from updated
$$;
revoke all on function public.record_delivery(jsonb) from public, anon, authenticated;
grant execute on function public.record_delivery(jsonb) to service_role;

-- How many refusals of unknown meaning a paid batch takes before a person looks at it.
create or replace function private.max_order_attempts() returns integer
language sql immutable
set search_path = ''
as $$ select 5 $$;
revoke all on function private.max_order_attempts() from public;
grant execute on function private.max_order_attempts() to service_role;

-- A refusal that leaves the batch p_transaction_id waiting (docs/esimaccess.md): the reason goes on
-- its orders; p_counted refusals (those we do not know) are counted, and at
-- private.max_order_attempts() the batch is marked for review. Returns true when it now is.
create or replace function public.note_batch_refusal(p_transaction_id text, p_reason text, p_counted boolean)
returns boolean
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_review boolean;
begin
  if p_transaction_id is null or pg_catalog.length(p_transaction_id) > 64 then
    perform private.fail('400', 'invalid_batch', 'a transaction id of at most 64 characters', 'transaction_id');
  end if;
  with noted as (
    update public.orders o
    set failure_reason = pg_catalog.left('waiting: ' || coalesce(p_reason, ''), 2000),
        provider_attempts = o.provider_attempts + case when p_counted then 1 else 0 end,
        review_since = case when p_counted and o.provider_attempts + 1 >= private.max_order_attempts()
                            then coalesce(o.review_since, pg_catalog.now()) else o.review_since end,
        review_reason = case when p_counted and o.provider_attempts + 1 >= private.max_order_attempts()
                             then pg_catalog.left(p_reason, 2000) else o.review_reason end
    where o.provider_transaction_id = p_transaction_id and o.order_status = 'PROCESSING'
    returning o.review_since is not null as in_review)
  select coalesce(pg_catalog.bool_or(n.in_review), false) into v_review from noted n;
  return v_review;
end
$$;
revoke all on function public.note_batch_refusal(text, text, boolean) from public, anon, authenticated;
grant execute on function public.note_batch_refusal(text, text, boolean) to service_role;

-- A person settles a batch in review after checking the provider's console: p_order_no when the
-- provider holds an order for it (recorded; reconcile allocates it), null or left out when it does
-- not (the batch fails with the note; partners are credited back). Returns the orders' status.
create or replace function public.resolve_order_review(p_transaction_id text, p_note text, p_order_no text default null)
returns text
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_count integer;
begin
  if p_note is null or pg_catalog.btrim(p_note) = '' then
    perform private.fail('400', 'reason_required', 'say how you know (what the provider''s console shows)', 'note');
  end if;
  if p_order_no is not null then
    update public.orders o
    set esim_order_no = pg_catalog.left(p_order_no, 32), review_since = null, lease_until = null,
        review_reason = pg_catalog.left('placed: ' || p_note, 2000)
    where o.provider_transaction_id = p_transaction_id and o.order_status = 'PROCESSING' and o.review_since is not null;
  else
    update public.orders o
    set order_status = 'FAILED', review_since = null, lease_until = null,
        failure_reason = pg_catalog.left('not placed (settled by a person): ' || p_note, 2000)
    where o.provider_transaction_id = p_transaction_id and o.order_status = 'PROCESSING' and o.review_since is not null;
  end if;
  get diagnostics v_count = row_count;
  if v_count = 0 then
    perform private.fail('404', 'unknown_batch', 'no batch in review with that transaction id', 'transaction_id');
  end if;
  return case when p_order_no is null then 'FAILED' else 'PROCESSING' end;
end
$$;
revoke all on function public.resolve_order_review(text, text, text) from public, anon, authenticated;
grant execute on function public.resolve_order_review(text, text, text) to service_role;
