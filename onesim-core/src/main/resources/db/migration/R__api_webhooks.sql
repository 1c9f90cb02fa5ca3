-- API functions: webhooks to partners' systems (endpoints, secrets, replay; the backend's dispatch).
-- Repeatable (Flyway runs it after every versioned migration and again whenever it changes): the
-- current definition of each API function lives in one R__api_* file; versioned files hold tables,
-- data, triggers, helpers and policies. Plain SQL, safe to run again with psql (docs/architecture.md).

-- A partner registers an endpoint; the answer carries the signing secret, the only time it is shown.
-- Whether local development allowed webhook targets on this machine (private.webhook_settings, V27).
create or replace function private.allow_local_webhook_targets() returns boolean
language sql stable security definer
set search_path = ''
as $$ select coalesce((select s.allow_local_targets from private.webhook_settings s where s.id = 1), false) $$;
revoke all on function private.allow_local_webhook_targets() from public;
grant execute on function private.allow_local_webhook_targets() to authenticated, service_role;

-- Why p_url cannot be a partner's webhook endpoint, or null when it can: https only; never a host
-- that names OneSIM's own network (localhost, loopback, private, link-local — the cloud metadata
-- address among them —, carrier-grade NAT, unique-local IPv6, unspecified). With local targets
-- allowed (development), http://localhost and http://127.0.0.1 are accepted.
create or replace function private.webhook_url_problem(p_url text) returns text
language plpgsql stable
set search_path = ''
as $$
declare
  v_host text;
  v_ip inet;
begin
  if p_url is null or pg_catalog.length(p_url) > 2048 or p_url ~ '\s' then
    return 'the endpoint must be an https:// URL of at most 2048 characters';
  end if;
  v_host := pg_catalog.lower(substring(p_url from '^[A-Za-z]+://(\[[^\]]+\]|[^/:?#@]+)'));
  if v_host is null then
    return 'the endpoint must be an https:// URL';
  end if;
  if private.allow_local_webhook_targets() and p_url ~* '^http://(localhost|127\.0\.0\.1)(:[0-9]+)?(/|$)' then
    return null;
  end if;
  if p_url !~* '^https://' then
    return 'the endpoint must be an https:// URL';
  end if;
  if v_host = 'localhost' or v_host like '%.localhost' or v_host like '%.internal' or v_host like '%.local' then
    return pg_catalog.format('%s is not reachable from the internet', v_host);
  end if;
  begin
    v_ip := pg_catalog.btrim(v_host, '[]')::inet;
  exception when others then
    return null;   -- a name: the dispatcher checks what it resolves to when it sends
  end;
  if v_ip << '127.0.0.0/8' or v_ip << '10.0.0.0/8' or v_ip << '172.16.0.0/12' or v_ip << '192.168.0.0/16'
     or v_ip << '169.254.0.0/16' or v_ip << '100.64.0.0/10' or v_ip << '0.0.0.0/8'
     or v_ip = '::1'::inet or v_ip = '::'::inet or v_ip << 'fc00::/7' or v_ip << 'fe80::/10' or v_ip << '::ffff:0:0/96' then
    return pg_catalog.format('%s is a loopback, private, link-local or metadata address', v_host);
  end if;
  return null;
end
$$;
revoke all on function private.webhook_url_problem(text) from public;
grant execute on function private.webhook_url_problem(text) to authenticated, service_role;

create or replace function private.create_webhook_endpoint(p_url text, p_events text[])
returns table (id uuid, url text, events text[], active boolean, created_at timestamptz, secret text)
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_partner uuid := private.current_partner_id();
  v_problem text;
  v_endpoint public.webhook_endpoints%rowtype;
  v_secret text := 'whsec_' || pg_catalog.translate(pg_catalog.encode(extensions.gen_random_bytes(32), 'base64'), '+/=', '-_');
begin
  if v_partner is null then
    perform private.fail('403', 'not_a_partner', 'only partners register webhook endpoints', 'partner_id');
  end if;
  if not exists (select 1 from public.partners p where p.id = v_partner and p.status = 'active') then
    perform private.fail('403', 'partner_not_active', 'only an active partner registers webhook endpoints', 'partner_id');
  end if;
  v_problem := private.webhook_url_problem(p_url);
  if v_problem is not null then
    perform private.fail('400', 'invalid_url', v_problem, 'url');
  end if;
  if p_events is null or pg_catalog.cardinality(p_events) = 0
     or not p_events <@ array['order.allocated', 'order.failed', 'order.cancelled', 'balance.low', 'esim.installed',
                              'esim.usage_low', 'esim.expiring', 'topup.applied']::text[] then
    perform private.fail('400', 'unknown_event', 'events are order.allocated, order.failed, order.cancelled, balance.low, '
      || 'esim.installed, esim.usage_low, esim.expiring, topup.applied', 'events');
  end if;
  if (select pg_catalog.count(*) from public.webhook_endpoints e where e.partner_id = v_partner and e.active) >= 10 then
    perform private.fail('409', 'too_many_endpoints', 'a partner has at most 10 active endpoints', 'url');
  end if;
  insert into public.webhook_endpoints (partner_id, url, events)
  values (v_partner, p_url, (select pg_catalog.array_agg(distinct x order by x) from pg_catalog.unnest(p_events) x))
  returning * into v_endpoint;
  insert into private.webhook_secrets (endpoint_id, secret) values (v_endpoint.id, v_secret);
  return query select v_endpoint.id, v_endpoint.url::text, v_endpoint.events, v_endpoint.active, v_endpoint.created_at, v_secret;
end
$$;

-- A new secret for an endpoint; the old ones keep signing (and verifying) for p_overlap_seconds.
create or replace function private.rotate_webhook_secret(p_endpoint_id uuid, p_overlap_seconds integer default 86400)
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_secret text := 'whsec_' || pg_catalog.translate(pg_catalog.encode(extensions.gen_random_bytes(32), 'base64'), '+/=', '-_');
begin
  if p_overlap_seconds is null or p_overlap_seconds < 0 or p_overlap_seconds > 7 * 86400 then
    perform private.fail('400', 'out_of_range', 'the overlap is 0 to 604800 seconds (7 days)', 'overlap_seconds');
  end if;
  if not exists (select 1 from public.webhook_endpoints e where e.id = p_endpoint_id
                 and e.partner_id = private.current_partner_id()) then
    perform private.fail('404', 'unknown_endpoint', 'no such endpoint among yours', 'endpoint_id');
  end if;
  update private.webhook_secrets s
  set expires_at = pg_catalog.now() + pg_catalog.make_interval(secs => p_overlap_seconds)
  where s.endpoint_id = p_endpoint_id and (s.expires_at is null or s.expires_at > pg_catalog.now() + pg_catalog.make_interval(secs => p_overlap_seconds));
  insert into private.webhook_secrets (endpoint_id, secret) values (p_endpoint_id, v_secret);
  return v_secret;
end
$$;

-- Stops deliveries to an endpoint (the dispatcher marks its pending ones failed); it cannot be re-enabled.
create or replace function private.disable_webhook_endpoint(p_endpoint_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.webhook_endpoints e set active = false
  where e.id = p_endpoint_id and e.partner_id = private.current_partner_id();
  if not found then
    perform private.fail('404', 'unknown_endpoint', 'no such endpoint among yours', 'endpoint_id');
  end if;
end
$$;

-- Sends a delivery's event again to the same endpoint: a new delivery, due now and retried for a
-- day; the old one keeps its attempts. Returns the new delivery's id.
create or replace function private.replay_webhook_delivery(p_delivery_id uuid)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_new uuid;
begin
  -- one pending delivery of an event to an endpoint at a time: a replay of one still queued is refused
  if exists (select 1 from public.webhook_deliveries d join public.webhook_deliveries q
               on q.event_id = d.event_id and q.endpoint_id = d.endpoint_id and q.status = 'pending'
             where d.id = p_delivery_id and d.partner_id = private.current_partner_id()) then
    perform private.fail('409', 'replay_pending', 'this event is already queued for this endpoint', 'delivery_id');
  end if;
  insert into public.webhook_deliveries (event_id, endpoint_id, partner_id)
  select d.event_id, d.endpoint_id, d.partner_id from public.webhook_deliveries d
  where d.id = p_delivery_id and d.partner_id = private.current_partner_id()
    and exists (select 1 from public.webhook_endpoints e where e.id = d.endpoint_id and e.active)
  returning id into v_new;
  if v_new is null then
    perform private.fail('404', 'unknown_delivery', 'no such delivery to an active endpoint of yours', 'delivery_id');
  end if;
  return v_new;
end
$$;

-- The backend claims due deliveries with what it needs to send them: the URL, the exact body and
-- every live secret of the endpoint (two during a rotation's overlap).
-- Claims due deliveries under a lease recorded with the worker's name: at most p_per_endpoint per
-- endpoint (so one slow endpoint cannot hold its deliveries past their lease), oldest first per
-- endpoint, and only of endpoints none of whose deliveries is being sent (held under a live lease):
-- an endpoint is served by one worker at a time, batch after batch, at its own pace. Claims take
-- turns (a transaction-scoped advisory lock), so two dispatchers never split one endpoint.
-- subject: what the event is about (its order, else its type); the dispatcher sends one subject's
-- deliveries one after another, oldest first.
drop function if exists public.claim_webhook_deliveries(text, integer, integer);
drop function if exists private.claim_webhook_deliveries(text, integer, integer);
drop function if exists public.claim_webhook_deliveries(text, integer, integer, integer);
drop function if exists private.claim_webhook_deliveries(text, integer, integer, integer);
drop function if exists public.claim_webhook_deliveries(text, integer, integer, integer, uuid);
drop function if exists private.claim_webhook_deliveries(text, integer, integer, integer, uuid);
-- Claims due deliveries: at most p_per_endpoint of each endpoint that no worker is sending to, oldest
-- first. With p_endpoint, only that endpoint's next ones, for the worker already sending to it (so it
-- can go on without a pause): nothing if another worker holds it, and never a delivery whose subject
-- (the order) still has one in flight, so one subject's events still go one after another.
create or replace function private.claim_webhook_deliveries(p_worker text, p_limit integer default 50, p_lease_seconds integer default 60,
  p_per_endpoint integer default 5, p_endpoint uuid default null)
returns table (delivery_id uuid, endpoint_id uuid, url text, event_id uuid, event_type text, body text, attempts integer,
               secrets text[], event_created_at timestamptz, allow_local_targets boolean, subject text)
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_in_flight text[] := '{}';
begin
  if not private.is_backend() then
    perform private.fail('403', 'backend_only', 'webhooks are dispatched by OneSIM''s backend', null);
  end if;
  perform private.check_claim(p_worker, p_limit, p_lease_seconds);
  if p_per_endpoint is null or p_per_endpoint < 1 or p_per_endpoint > 100 then
    perform private.fail('400', 'out_of_range', 'per endpoint: 1 to 100 deliveries', 'per_endpoint');
  end if;
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('onesim.claim_webhook_deliveries'));
  if p_endpoint is not null then   -- the subjects this endpoint has in flight wait for their answers
    select coalesce(pg_catalog.array_agg(distinct coalesce(ev.payload #>> '{data,order_id}', ev.type::text)), '{}')
    into v_in_flight
    from public.webhook_deliveries h join public.webhook_events ev on ev.id = h.event_id
    where h.endpoint_id = p_endpoint and h.status = 'pending' and h.lease_until >= pg_catalog.now();
  end if;
  update public.webhook_deliveries d set status = 'failed', last_error = 'endpoint disabled', lease_until = null
  where d.status = 'pending' and d.endpoint_id = any (array(select e.id from public.webhook_endpoints e where not e.active));
  return query
  with claimed as (
    update public.webhook_deliveries d
    set lease_until = pg_catalog.now() + pg_catalog.make_interval(secs => p_lease_seconds), lease_worker = p_worker
    where d.id = any (array(
      select due.id
      from public.webhook_endpoints e
      cross join lateral (
        select c.id, c.next_attempt_at from public.webhook_deliveries c
        where c.endpoint_id = e.id and c.status = 'pending' and c.next_attempt_at <= pg_catalog.now()
          and (c.lease_until is null or c.lease_until < pg_catalog.now())
          and (p_endpoint is null
               or (select coalesce(ev.payload #>> '{data,order_id}', ev.type::text) from public.webhook_events ev
                   where ev.id = c.event_id) <> all (v_in_flight))
        order by c.next_attempt_at, c.id
        limit p_per_endpoint) due
      where e.active
        and (p_endpoint is null or e.id = p_endpoint)
        and not exists (select 1 from public.webhook_deliveries busy
                        where busy.endpoint_id = e.id and busy.status = 'pending'
                          and busy.lease_until >= pg_catalog.now()
                          and (p_endpoint is null or busy.lease_worker is distinct from p_worker))
      order by due.next_attempt_at, due.id
      limit p_limit))
      and d.status = 'pending' and (d.lease_until is null or d.lease_until < pg_catalog.now())
    returning d.*),
  -- what is the same for every delivery of an endpoint, asked once per endpoint
  endpoint as (
    select e.id, e.url::text as url,
           (select pg_catalog.array_agg(s.secret order by s.id desc) from private.webhook_secrets s
            where s.endpoint_id = e.id and (s.expires_at is null or s.expires_at > pg_catalog.now())) as secrets
    from public.webhook_endpoints e
    where e.id in (select distinct c.endpoint_id from claimed c)),
  setting as (select private.allow_local_webhook_targets() as allow_local)
  select c.id, c.endpoint_id, e.url, ev.id, ev.type::text, ev.payload::text, c.attempts, e.secrets,
         ev.created_at, setting.allow_local,
         coalesce(ev.payload #>> '{data,order_id}', ev.type::text)
  from claimed c
  join endpoint e on e.id = c.endpoint_id
  join public.webhook_events ev on ev.id = c.event_id
  cross join setting
  order by c.endpoint_id, c.next_attempt_at, c.id;
end
$$;

-- The outcome of one attempt: 2xx delivers; anything else retries with exponential backoff
-- (30 s, 1 min, 2 min, … capped at 4 h) until retry_until, then the delivery has failed. A batch of
-- one, recorded by the one rule in record_webhook_attempts below.
drop function if exists public.record_webhook_attempt(uuid, integer, text, integer);
drop function if exists private.record_webhook_attempt(uuid, integer, text, integer);
create or replace function private.record_webhook_attempt(p_worker text, p_delivery_id uuid, p_status_code integer default null,
  p_error text default null, p_duration_ms integer default null)
returns text
language plpgsql
security definer
set search_path = ''
as $$
begin
  if p_delivery_id is null then
    perform private.fail('404', 'unknown_delivery', 'no such delivery', 'delivery_id');
  end if;
  return private.record_webhook_attempts(p_worker, pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
    'delivery_id', p_delivery_id, 'status_code', p_status_code, 'error', p_error, 'duration_ms', p_duration_ms)))
    ->> p_delivery_id::text;
end
$$;



create or replace function public.create_webhook_endpoint(p_url text, p_events text[])
returns table (id uuid, url text, events text[], active boolean, created_at timestamptz, secret text)
language sql
security invoker
set search_path = ''
as $$
  select * from private.create_webhook_endpoint(p_url, p_events)
$$;

create or replace function public.rotate_webhook_secret(p_endpoint_id uuid, p_overlap_seconds integer default 86400)
returns text
language sql
security invoker
set search_path = ''
as $$
  select private.rotate_webhook_secret(p_endpoint_id, p_overlap_seconds)
$$;

create or replace function public.disable_webhook_endpoint(p_endpoint_id uuid)
returns void
language sql
security invoker
set search_path = ''
as $$
  select private.disable_webhook_endpoint(p_endpoint_id)
$$;

create or replace function public.replay_webhook_delivery(p_delivery_id uuid)
returns uuid
language sql
security invoker
set search_path = ''
as $$
  select private.replay_webhook_delivery(p_delivery_id)
$$;

create or replace function public.claim_webhook_deliveries(p_worker text, p_limit integer default 50, p_lease_seconds integer default 60,
  p_per_endpoint integer default 5, p_endpoint uuid default null)
returns table (delivery_id uuid, endpoint_id uuid, url text, event_id uuid, event_type text, body text, attempts integer,
               secrets text[], event_created_at timestamptz, allow_local_targets boolean, subject text)
language sql
security invoker
set search_path = ''
as $$
  select * from private.claim_webhook_deliveries(p_worker, p_limit, p_lease_seconds, p_per_endpoint, p_endpoint)
$$;

create or replace function public.record_webhook_attempt(p_worker text, p_delivery_id uuid, p_status_code integer default null,
  p_error text default null, p_duration_ms integer default null)
returns text
language sql
security invoker
set search_path = ''
as $$
  select private.record_webhook_attempt(p_worker, p_delivery_id, p_status_code, p_error, p_duration_ms)
$$;

-- A batch's attempts recorded in one statement: p_attempts [{"delivery_id", "status_code", "error",
-- "duration_ms"}, …] (any but the first may be missing; each delivery once). Every attempt is kept,
-- and only a delivery this worker still holds changes (delivered, retried with backoff, or failed).
-- Returns {delivery_id: outcome}; record_webhook_attempt is a batch of one.
create or replace function private.record_webhook_attempts(p_worker text, p_attempts jsonb)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_ids uuid[];
  v_distinct integer;
  v_known integer;
  v_out jsonb;
begin
  if not private.is_backend() then
    perform private.fail('403', 'backend_only', 'webhooks are dispatched by OneSIM''s backend', null);
  end if;
  if p_attempts is null or pg_catalog.jsonb_typeof(p_attempts) <> 'array' or pg_catalog.jsonb_array_length(p_attempts) > 1000 then
    perform private.fail('400', 'invalid_batch', 'the attempts are an array of at most 1000', 'attempts');
  end if;
  select pg_catalog.array_agg(x.delivery_id order by x.delivery_id), pg_catalog.count(distinct x.delivery_id)
  into v_ids, v_distinct
  from pg_catalog.jsonb_to_recordset(p_attempts) as x(delivery_id uuid);
  if v_distinct <> pg_catalog.jsonb_array_length(p_attempts) then
    perform private.fail('400', 'invalid_batch', 'each attempt names its delivery, once', 'attempts');
  end if;
  if v_distinct = 0 then
    return '{}'::jsonb;
  end if;
  -- lock the deliveries in one order (two recorders never deadlock), then keep every attempt
  perform 1 from public.webhook_deliveries d where d.id = any (v_ids) order by d.id for update;
  get diagnostics v_known = row_count;
  if v_known < v_distinct then
    perform private.fail('404', 'unknown_delivery', 'no such delivery', 'delivery_id');
  end if;
  insert into public.webhook_attempts (delivery_id, partner_id, status_code, error, duration_ms)
  select a.delivery_id, d.partner_id, a.status_code, pg_catalog.left(a.error, 1000), a.duration_ms
  from pg_catalog.jsonb_to_recordset(p_attempts) as a(delivery_id uuid, status_code integer, error text, duration_ms integer)
  join public.webhook_deliveries d on d.id = a.delivery_id and d.id = any (v_ids);   -- by key: never a scan of the outbox's history
  with changed as (
    update public.webhook_deliveries d
    set attempts = d.attempts + 1,
        last_status_code = a.status_code,
        last_error = case when a.status_code between 200 and 299 then null
                          else pg_catalog.left(coalesce(a.error, 'HTTP ' || a.status_code), 1000) end,
        status = case when a.status_code between 200 and 299 then 'delivered'
                      when pg_catalog.now() + least(interval '30 seconds' * power(2, d.attempts), interval '4 hours') > d.retry_until
                        then 'failed'
                      else 'pending' end,
        delivered_at = case when a.status_code between 200 and 299 then pg_catalog.now() else d.delivered_at end,
        next_attempt_at = case when a.status_code between 200 and 299 then d.next_attempt_at
                               else pg_catalog.now() + least(interval '30 seconds' * power(2, d.attempts), interval '4 hours') end,
        lease_until = null,
        lease_worker = null
    from pg_catalog.jsonb_to_recordset(p_attempts) as a(delivery_id uuid, status_code integer, error text, duration_ms integer)
    -- only the worker that holds the delivery records its outcome: a late answer after the lease
    -- ran out (another worker may have sent it since) is kept as an attempt and changes nothing else
    where d.id = a.delivery_id and d.id = any (v_ids) and d.status = 'pending' and d.lease_worker = p_worker
    returning d.id, d.status)
  select pg_catalog.jsonb_object_agg(i.id::text, coalesce(c.status, 'lease_lost')) into v_out
  from pg_catalog.unnest(v_ids) as i(id) left join changed c on c.id = i.id;
  return v_out;
end
$$;
revoke all on function private.record_webhook_attempts(text, jsonb) from public, anon, authenticated;
grant execute on function private.record_webhook_attempts(text, jsonb) to service_role;

create or replace function public.record_webhook_attempts(p_worker text, p_attempts jsonb)
returns jsonb
language sql
security invoker
set search_path = ''
as $$
  select private.record_webhook_attempts(p_worker, p_attempts)
$$;
revoke all on function public.record_webhook_attempts(text, jsonb) from public, anon, authenticated;
grant execute on function public.record_webhook_attempts(text, jsonb) to service_role;

-- The implementations are SECURITY DEFINER in the unexposed schema (they write the outbox and read
-- secrets); the exposed functions above are thin SECURITY INVOKER wrappers.
revoke all on function private.create_webhook_endpoint(text, text[]) from public, anon;
revoke all on function private.rotate_webhook_secret(uuid, integer) from public, anon;
revoke all on function private.disable_webhook_endpoint(uuid) from public, anon;
revoke all on function private.replay_webhook_delivery(uuid) from public, anon;
revoke all on function private.claim_webhook_deliveries(text, integer, integer, integer, uuid) from public, anon, authenticated;
revoke all on function private.record_webhook_attempt(text, uuid, integer, text, integer) from public, anon, authenticated;
grant execute on function private.create_webhook_endpoint(text, text[]), private.rotate_webhook_secret(uuid, integer),
  private.disable_webhook_endpoint(uuid), private.replay_webhook_delivery(uuid) to authenticated;
grant execute on function private.claim_webhook_deliveries(text, integer, integer, integer, uuid),
  private.record_webhook_attempt(text, uuid, integer, text, integer) to service_role;

revoke all on function public.create_webhook_endpoint(text, text[]) from public, anon;
revoke all on function public.rotate_webhook_secret(uuid, integer) from public, anon;
revoke all on function public.disable_webhook_endpoint(uuid) from public, anon;
revoke all on function public.replay_webhook_delivery(uuid) from public, anon;
revoke all on function public.claim_webhook_deliveries(text, integer, integer, integer, uuid) from public, anon, authenticated;
revoke all on function public.record_webhook_attempt(text, uuid, integer, text, integer) from public, anon, authenticated;
grant execute on function public.create_webhook_endpoint(text, text[]) to authenticated;
grant execute on function public.rotate_webhook_secret(uuid, integer) to authenticated;
grant execute on function public.disable_webhook_endpoint(uuid) to authenticated;
grant execute on function public.replay_webhook_delivery(uuid) to authenticated;
grant execute on function public.claim_webhook_deliveries(text, integer, integer, integer, uuid) to service_role;
grant execute on function public.record_webhook_attempt(text, uuid, integer, text, integer) to service_role;
