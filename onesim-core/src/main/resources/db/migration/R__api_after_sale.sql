-- API functions: after-sale requests (a partner asks; the backend claims and completes).
-- Repeatable (Flyway runs it after every versioned migration and again whenever it changes): the
-- current definition of each API function lives in one R__api_* file; versioned files hold tables,
-- data, triggers, helpers and policies. Plain SQL, safe to run again with psql (docs/architecture.md).

-- A partner asks to cancel (refund) or resend an allocated order of its own.
create or replace function private.request_after_sale(p_order_id uuid, p_kind text, p_reason text)
returns public.after_sale_requests
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_partner uuid := private.current_partner_id();
  v_order public.orders%rowtype;
  v_request public.after_sale_requests%rowtype;
begin
  if v_partner is null then
    perform private.fail('403', 'not_a_partner', 'only partners make after-sale requests', 'partner_id');
  end if;
  if p_kind is null or p_kind not in ('cancel', 'resend') then
    perform private.fail('400', 'unknown_kind', 'a request is cancel or resend', 'kind');
  end if;
  -- a refund is money moving: only an active partner asks for one (a resend only re-sends what was sold)
  if p_kind = 'cancel' and not exists (select 1 from public.partners p where p.id = v_partner and p.status = 'active') then
    perform private.fail('403', 'partner_not_active', 'only an active partner asks for a cancellation and refund', 'partner_id');
  end if;
  if p_reason is not null and pg_catalog.length(p_reason) > 500 then
    perform private.fail('400', 'too_long', 'a reason has at most 500 characters', 'reason');
  end if;
  select * into v_order from public.orders o where o.id = p_order_id and o.partner_id = v_partner;
  if v_order.id is null then
    perform private.fail('404', 'unknown_order', 'no such order among yours', 'order_id');
  end if;
  if v_order.order_status <> 'ALLOCATED' then
    perform private.fail('409', 'not_allocated',
      pg_catalog.format('the order is %s; only an allocated eSIM can be cancelled or sent again', v_order.order_status), 'order_id');
  end if;
  if exists (select 1 from public.after_sale_requests r where r.order_id = p_order_id and r.kind = p_kind and r.status = 'pending') then
    perform private.fail('409', 'request_open', 'the same request for this order is still open', 'order_id');
  end if;
  insert into public.after_sale_requests (order_id, partner_id, kind, reason)
  values (p_order_id, v_partner, p_kind, p_reason)
  returning * into v_request;
  return v_request;
end
$$;

create or replace function public.request_after_sale(p_order_id uuid, p_kind text, p_reason text default null)
returns public.after_sale_requests
language sql
security invoker
set search_path = ''
as $$
  select * from private.request_after_sale(p_order_id, p_kind, p_reason)
$$;

-- The backend claims open requests (SKIP LOCKED, with a lease) ...
create or replace function public.claim_after_sale_requests(p_worker text, p_limit integer default 50,
  p_lease_seconds integer default 120)
returns setof public.after_sale_requests
language plpgsql
security invoker
set search_path = ''
as $$
begin
  if not private.is_backend() then
    perform private.fail('403', 'backend_only', 'after-sale requests are worked by OneSIM''s backend', null);
  end if;
  perform private.check_claim(p_worker, p_limit, p_lease_seconds);
  -- oldest first, as the worker works them (an update's RETURNING has no order of its own)
  return query
  with claimed as (
    update public.after_sale_requests r
    set lease_worker = p_worker, lease_until = pg_catalog.now() + pg_catalog.make_interval(secs => p_lease_seconds)
    where r.id in (
      select c.id from public.after_sale_requests c
      where c.status = 'pending' and (c.lease_until is null or c.lease_until < pg_catalog.now())
      order by c.created_at, c.id
      limit p_limit
      for update skip locked)
    returning r.*)
  select * from claimed c order by c.created_at, c.id;
end
$$;

-- ... and records how each ended: only the worker that holds the request (a worker whose lease ran
-- out and was taken over gets lease_lost and changes nothing).
create or replace function public.complete_after_sale_request(p_request_id uuid, p_worker text, p_status text,
  p_outcome text)
returns public.after_sale_requests
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_request public.after_sale_requests%rowtype;
begin
  if not private.is_backend() then
    perform private.fail('403', 'backend_only', 'after-sale requests are worked by OneSIM''s backend', null);
  end if;
  if p_status is null or p_status not in ('done', 'refused') then
    perform private.fail('400', 'unknown_status', 'a request ends done or refused', 'status');
  end if;
  perform private.check_claim(p_worker, 1, 1);
  select * into v_request from public.after_sale_requests r where r.id = p_request_id and r.status = 'pending' for update;
  if v_request.id is null then
    perform private.fail('404', 'unknown_request', 'no open request with that id', 'request_id');
  end if;
  if v_request.lease_worker is distinct from p_worker then
    perform private.fail('409', 'lease_lost', 'another worker holds this request', 'worker');
  end if;
  update public.after_sale_requests r
  set status = p_status, outcome = pg_catalog.left(p_outcome, 1000), processed_at = pg_catalog.now(), lease_until = null
  where r.id = p_request_id
  returning * into v_request;
  return v_request;
end
$$;

revoke all on function private.request_after_sale(uuid, text, text) from public, anon;
grant execute on function private.request_after_sale(uuid, text, text) to authenticated;
revoke all on function public.request_after_sale(uuid, text, text) from public, anon;
revoke all on function public.claim_after_sale_requests(text, integer, integer) from public, anon, authenticated;
revoke all on function public.complete_after_sale_request(uuid, text, text, text) from public, anon, authenticated;
grant execute on function public.request_after_sale(uuid, text, text) to authenticated;
grant execute on function public.claim_after_sale_requests(text, integer, integer) to service_role;
grant execute on function public.complete_after_sale_request(uuid, text, text, text) to service_role;
