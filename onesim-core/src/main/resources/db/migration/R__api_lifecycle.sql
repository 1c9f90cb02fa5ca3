-- API functions: after the sale (V25) — provider webhooks stored and applied, eSIM state and usage,
-- lifecycle alerts and the traveller notices they drive. Backend (service_role) only.
-- Repeatable (Flyway runs it after every versioned migration and again whenever it changes): the
-- current definition of each API function lives in one R__api_* file (docs/architecture.md).

-- Stores one provider webhook delivery; true when it is new, false for a repeated notify_id. The
-- backend answers the provider only after this returns, so a delivery is never lost. Older payload
-- shapes (2025 doc, FAQ) are accepted: without a notifyId (null or '') the delivery is de-duplicated on its type
-- and content; without an esimTranNo (ICCID only) it is matched to the live eSIM of ours with that
-- ICCID (ICCIDs are recycled: an open one first, then the newest).
create or replace function public.receive_provider_event(p_notify_id text, p_notify_type text, p_payload jsonb)
returns boolean
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_id bigint;
begin
  if p_notify_type is null or pg_catalog.length(p_notify_type) not between 1 and 32 then
    perform private.fail('400', 'invalid_notify_type', 'notifyType is 1 to 32 characters', 'notify_type');
  end if;
  if p_notify_id is not null and pg_catalog.length(p_notify_id) > 128 then
    perform private.fail('400', 'invalid_notify_id', 'notifyId is 1 to 128 characters', 'notify_id');
  end if;
  if p_payload is null or pg_catalog.jsonb_typeof(p_payload) <> 'object' then
    perform private.fail('400', 'invalid_payload', 'the payload is a JSON object', 'payload');
  end if;
  insert into public.provider_events (notify_id, notify_type, esim_tran_no, order_no, payload)
  values (coalesce(nullif(p_notify_id, ''), 'content:' || pg_catalog.md5(p_notify_type || ':' || coalesce((p_payload -> 'content')::text, ''))),
          p_notify_type,
          coalesce(pg_catalog.left(p_payload -> 'content' ->> 'esimTranNo', 32),
                   (select o.esim_tran_no from public.orders o
                    where o.iccid = p_payload -> 'content' ->> 'iccid' and o.esim_tran_no is not null
                    order by (coalesce(o.esim_status, '') in ('CANCEL', 'REVOKE', 'REVOKED', 'USED_EXPIRED', 'UNUSED_EXPIRED')),
                             o.created_at desc
                    limit 1)),
          pg_catalog.left(p_payload -> 'content' ->> 'orderNo', 32), p_payload)
  on conflict (notify_id) do nothing
  returning id into v_id;
  return v_id is not null;
end
$$;
revoke all on function public.receive_provider_event(text, text, jsonb) from public, anon, authenticated;
grant execute on function public.receive_provider_event(text, text, jsonb) to service_role;

-- Claims stored deliveries not yet applied, oldest first (SKIP LOCKED + lease: a crashed worker's
-- claim is taken over when its lease ends).
create or replace function public.claim_provider_events(p_worker text, p_limit integer default 100, p_lease_seconds integer default 60)
returns setof public.provider_events
language plpgsql
security invoker
set search_path = ''
as $$
begin
  perform private.check_claim(p_worker, p_limit, p_lease_seconds);
  -- in the order they arrived, as the worker applies them (an update's RETURNING has no order of its own)
  return query
  with claimed as (
    update public.provider_events e
    set lease_worker = p_worker, lease_until = pg_catalog.now() + pg_catalog.make_interval(secs => p_lease_seconds)
    where e.id in (
      select c.id from public.provider_events c
      where c.status = 'pending' and (c.lease_until is null or c.lease_until < pg_catalog.now())
      order by c.id
      limit p_limit
      for update skip locked)
    returning e.*)
  select * from claimed c order by c.id;
end
$$;
revoke all on function public.claim_provider_events(text, integer, integer) from public, anon, authenticated;
grant execute on function public.claim_provider_events(text, integer, integer) to service_role;

-- p_results: [{"id": 12, "outcome": "applied" | "ignored", "reason": "..."}, {"id": 13, "error": "..."}].
-- An error releases the event for another attempt; after 10 it is failed (visible to admins). An
-- ignored event keeps why (in last_error): nothing is marked done without a record of what it matched.
create or replace function public.finish_provider_events(p_results jsonb)
returns integer
language sql
security invoker
set search_path = ''
as $$
  with r as (
    select (x.value ->> 'id')::bigint as id, x.value ->> 'outcome' as outcome, x.value ->> 'error' as error,
           x.value ->> 'reason' as reason
    from pg_catalog.jsonb_array_elements(p_results) x),
  done as (
    update public.provider_events e
    set status = case when r.error is null then 'applied' when e.attempts + 1 >= 10 then 'failed' else 'pending' end,
        outcome = case when r.error is null then pg_catalog.left(coalesce(r.outcome, 'applied'), 32) else e.outcome end,
        attempts = e.attempts + case when r.error is null then 0 else 1 end,
        last_error = pg_catalog.left(coalesce(r.error, r.reason), 2000),
        applied_at = case when r.error is null then pg_catalog.now() end,
        lease_until = null
    from r where e.id = r.id and e.status = 'pending'
    returning 1)
  select count(*)::integer from done
$$;
revoke all on function public.finish_provider_events(jsonb) from public, anon, authenticated;
grant execute on function public.finish_provider_events(jsonb) to service_role;

-- Applies the provider's view of eSIMs — p_states: [{"esim_tran_no", "esim_status", "smdp_status",
-- "total_volume", "order_usage", "expired_time", "installed"}, …], any field but the first may be
-- missing — and raises the alerts now due, once per eSIM, threshold and plan (a top-up starts a new
-- plan): data used ≥ each of p_usage_percents, expiry within p_expiry_warning_hours, expired,
-- installed. Data figures only grow (a late event never undoes a newer one); the expiry is the
-- provider's latest word (it moves earlier on first use: from "install by" to "valid until"). Marks p_event_ids
-- applied in the same transaction. Returns the orders updated.
create or replace function public.apply_esim_states(p_states jsonb, p_event_ids bigint[] default '{}',
  p_usage_percents integer[] default '{80,95}', p_expiry_warning_hours integer default 24)
returns integer
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_count integer;
begin
  if p_states is null or pg_catalog.jsonb_typeof(p_states) <> 'array' then
    perform private.fail('400', 'invalid_states', 'states are a JSON array', 'states');
  end if;
  if p_usage_percents is null or exists (select 1 from pg_catalog.unnest(p_usage_percents) t where t is null or t < 1 or t > 100) then
    perform private.fail('400', 'out_of_range', 'usage thresholds are percents from 1 to 100', 'usage_percents');
  end if;
  if p_expiry_warning_hours is null or p_expiry_warning_hours < 1 or p_expiry_warning_hours > 720 then
    perform private.fail('400', 'out_of_range', 'the expiry warning is 1 to 720 hours', 'expiry_warning_hours');
  end if;
  with raw as (
    select x.ordinality as n, x.value ->> 'esim_tran_no' as tran, x.value ->> 'esim_status' as status,
           x.value ->> 'smdp_status' as smdp, (x.value ->> 'total_volume')::bigint as total,
           (x.value ->> 'order_usage')::bigint as used, (x.value ->> 'expired_time')::timestamptz as expires,
           -- when the provider said it: an event's own eventGenerateTime, else now (a fresh esim/query)
           coalesce((x.value ->> 'observed_at')::timestamptz, pg_catalog.now()) as observed,
           coalesce((x.value ->> 'installed')::boolean, false) as installed
    from pg_catalog.jsonb_array_elements(p_states) with ordinality x),
  -- one row per eSIM (an UPDATE applies only one joined row): the last word on status, the most
  -- data, and the expiry the provider stated most recently (by its own time, not by arrival)
  s as (
    select r.tran,
           (pg_catalog.array_agg(r.status order by r.n desc) filter (where r.status is not null))[1] as status,
           (pg_catalog.array_agg(r.smdp order by r.n desc) filter (where r.smdp is not null))[1] as smdp,
           pg_catalog.max(r.total) as total, pg_catalog.max(r.used) as used,
           (pg_catalog.array_agg(r.expires order by r.observed desc, r.n desc) filter (where r.expires is not null))[1] as expires,
           pg_catalog.max(r.observed) filter (where r.expires is not null) as expires_observed,
           pg_catalog.bool_or(r.installed) as installed
    from raw r group by r.tran),
  updated as (
    update public.orders o
    set esim_status = coalesce(s.status, o.esim_status),
        smdp_status = coalesce(s.smdp, o.smdp_status),
        data_total_bytes = greatest(o.data_total_bytes, s.total),
        data_used_bytes = greatest(o.data_used_bytes, s.used),
        expires_at = case when s.expires is not null and s.expires_observed >= coalesce(o.expiry_observed_at, '-infinity')
                          then s.expires else o.expires_at end,
        expiry_observed_at = case when s.expires is not null and s.expires_observed >= coalesce(o.expiry_observed_at, '-infinity')
                                  then s.expires_observed else o.expiry_observed_at end,
        installed_at = case when s.installed then coalesce(o.installed_at, pg_catalog.now()) else o.installed_at end,
        usage_updated_at = pg_catalog.now()
    from s
    where o.esim_tran_no = s.tran
    returning o.id, o.partner_id, o.user_id, o.esim_status, o.data_total_bytes as total, o.data_used_bytes as used,
              o.expires_at as expires, o.installed_at),
  alerts as (
    insert into public.esim_alerts (order_id, partner_id, user_id, kind, ref, details, notice_status)
    select u.id, u.partner_id, u.user_id, a.kind, a.ref, a.details, case when a.kind = 'installed' then 'skipped' else 'pending' end
    from updated u
    cross join lateral (
      select 'usage_low'::text as kind, t || '%@' || u.total as ref,
             pg_catalog.jsonb_build_object('threshold_percent', t, 'data_total_bytes', u.total, 'data_used_bytes', u.used,
               'data_remaining_bytes', greatest(u.total - u.used, 0)) as details
      from pg_catalog.unnest(p_usage_percents) t
      where u.total > 0 and u.used is not null and u.used * 100 >= u.total::numeric * t
      union all
      select 'expiring', p_expiry_warning_hours || 'h@' || pg_catalog.date_part('epoch', u.expires)::bigint,
             pg_catalog.jsonb_build_object('expires_at', u.expires, 'warning_hours', p_expiry_warning_hours)
      where u.expires > pg_catalog.now() and u.expires <= pg_catalog.now() + pg_catalog.make_interval(hours => p_expiry_warning_hours)
      union all
      select 'expired', '', pg_catalog.jsonb_build_object('expires_at', u.expires)
      where u.expires <= pg_catalog.now() or u.esim_status in ('USED_EXPIRED', 'UNUSED_EXPIRED')
      union all
      select 'installed', '', pg_catalog.jsonb_build_object('installed_at', u.installed_at)
      where u.installed_at is not null) a
    on conflict (order_id, kind, ref) do nothing
    returning 1),
  -- an "expiring" alert raised from an expiry that has since moved (a top-up, a later word from the
  -- provider) is withdrawn before its notice goes out
  withdrawn as (
    update public.esim_alerts a set notice_status = 'skipped', notice_error = 'superseded: the expiry moved'
    from updated u
    where a.order_id = u.id and a.kind = 'expiring' and a.notice_status = 'pending'
      and a.details ->> 'expires_at' is not null and (a.details ->> 'expires_at')::timestamptz <> u.expires
    returning 1)
  select count(*) into v_count from updated;
  update public.provider_events e set status = 'applied', outcome = 'applied', applied_at = pg_catalog.now(), lease_until = null
  where e.id = any (p_event_ids) and e.status = 'pending';
  return v_count;
end
$$;
revoke all on function public.apply_esim_states(jsonb, bigint[], integer[], integer) from public, anon, authenticated;
grant execute on function public.apply_esim_states(jsonb, bigint[], integer[], integer) to service_role;

-- The live eSIMs whose usage is oldest (never checked first), for the polling sweep.
create or replace function public.esims_due_for_usage(p_limit integer default 1000, p_min_age_seconds integer default 3600)
returns table (order_id uuid, esim_tran_no text)
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  perform private.check_claim(null, p_limit, 1, false);
  if p_min_age_seconds is null or p_min_age_seconds < 0 or p_min_age_seconds > 604800 then
    perform private.fail('400', 'out_of_range', 'the minimum age is 0 to 604800 seconds', 'min_age_seconds');
  end if;
  return query
  select o.id, o.esim_tran_no::text
  from public.orders o
  where o.order_status = 'ALLOCATED' and o.esim_tran_no is not null
    and coalesce(o.esim_status, '') not in ('CANCEL', 'REVOKE', 'REVOKED', 'USED_EXPIRED', 'UNUSED_EXPIRED')
    and (o.usage_updated_at is null or o.usage_updated_at < pg_catalog.now() - pg_catalog.make_interval(secs => p_min_age_seconds))
  order by o.usage_updated_at nulls first, o.id
  limit p_limit;
end
$$;
revoke all on function public.esims_due_for_usage(integer, integer) from public, anon, authenticated;
grant execute on function public.esims_due_for_usage(integer, integer) to service_role;

-- Claims traveller notices due (SKIP LOCKED + lease) with what sending one needs: the recipient,
-- the seller's name, the language, the channel the buyer chose and whether the traveller opted out.
create or replace function public.claim_esim_notices(p_worker text, p_limit integer default 100, p_lease_seconds integer default 120)
returns table (alert_id uuid, kind text, ref text, details jsonb, order_id uuid, partner_id uuid, brand text, language text,
               delivery_method text, customer_first_name text, customer_email text, customer_phone text, opted_out boolean,
               iccid text, package_code text, data_total_bytes bigint, data_used_bytes bigint, expires_at timestamptz)
language plpgsql
security invoker
set search_path = ''
as $$
begin
  perform private.check_claim(p_worker, p_limit, p_lease_seconds);
  return query
  with claimed as (
    update public.esim_alerts a
    set lease_worker = p_worker, notice_attempts = a.notice_attempts + 1,
        lease_until = pg_catalog.now() + pg_catalog.make_interval(secs => p_lease_seconds)
    where a.id in (
      select c.id from public.esim_alerts c
      where c.notice_status = 'pending' and (c.lease_until is null or c.lease_until < pg_catalog.now())
      order by c.created_at, c.id
      limit p_limit
      for update skip locked)
    returning a.*)
  select c.id, c.kind::text, c.ref::text, c.details, o.id, o.partner_id,
         coalesce(nullif(p.company_name, ''), 'OneSIM')::text, coalesce(o.metadata ->> 'language', 'en'),
         coalesce(o.delivery_method, 'email')::text, o.customer_first_name::text, o.customer_email::text,
         -- the traveller's own contact: a partner's customer, a walk-in customer an admin sold to
         -- (the order's own fields: never the admin's profile), or the shop buyer
         (case when o.partner_id is not null then pc.phone when o.source_type = 'admin' then o.customer_phone
               else pr.phone end)::text,
         coalesce(case when o.partner_id is not null then pc.notices_opt_out when o.source_type = 'admin' then false
                       else pr.notices_opt_out end, false),
         o.iccid::text, o.package_code::text, o.data_total_bytes, o.data_used_bytes, o.expires_at
  from claimed c
  join public.orders o on o.id = c.order_id
  left join public.partners p on p.id = o.partner_id
  left join public.partner_customers pc on pc.id = o.end_customer_id
  left join public.profiles pr on pr.id = o.user_id
  order by c.created_at, c.id;
end
$$;
revoke all on function public.claim_esim_notices(text, integer, integer) from public, anon, authenticated;
grant execute on function public.claim_esim_notices(text, integer, integer) to service_role;

-- p_results: [{"id": …, "status": "sent" | "skipped" | "failed" | "retry", "channel": "email", "error": …}].
-- A retry waits 5 minutes × attempts; the fifth failed attempt is final.
create or replace function public.record_notice_outcomes(p_results jsonb)
returns integer
language sql
security invoker
set search_path = ''
as $$
  with r as (
    select (x.value ->> 'id')::uuid as id, x.value ->> 'status' as status, x.value ->> 'channel' as channel,
           x.value ->> 'error' as error
    from pg_catalog.jsonb_array_elements(p_results) x
    where x.value ->> 'status' in ('sent', 'skipped', 'failed', 'retry')),
  done as (
    update public.esim_alerts a
    set notice_status = case when r.status = 'retry' and a.notice_attempts < 5 then 'pending'
                             when r.status = 'retry' then 'failed' else r.status end,
        notice_channel = pg_catalog.left(r.channel, 16),
        notice_error = pg_catalog.left(r.error, 2000),
        lease_until = case when r.status = 'retry'
                                  then pg_catalog.now() + pg_catalog.make_interval(mins => 5 * a.notice_attempts) end,
        noticed_at = case when r.status = 'sent' then pg_catalog.now() else a.noticed_at end
    from r where a.id = r.id and a.notice_status = 'pending'
    returning 1)
  select count(*)::integer from done
$$;
revoke all on function public.record_notice_outcomes(jsonb) from public, anon, authenticated;
grant execute on function public.record_notice_outcomes(jsonb) to service_role;

-- A signed-in traveller opts itself out of lifecycle notices (or back in). Returns the new setting.
create or replace function public.set_notices_opt_out(p_opt_out boolean)
returns boolean
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_value boolean;
begin
  if p_opt_out is null then
    perform private.fail('400', 'required', 'say true or false', 'opt_out');
  end if;
  update public.profiles p set notices_opt_out = p_opt_out where p.id = (select auth.uid()) returning p.notices_opt_out into v_value;
  if v_value is null then
    perform private.fail('404', 'no_profile', 'the signed-in user has no profile', 'opt_out');
  end if;
  return v_value;
end
$$;
revoke all on function public.set_notices_opt_out(boolean) from public, anon;
grant execute on function public.set_notices_opt_out(boolean) to authenticated;
