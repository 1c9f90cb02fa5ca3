-- API functions: the provider account's request budget, shared by every worker of every instance.
-- Repeatable (Flyway runs it after every versioned migration and again whenever it changes): the
-- current definition of each API function lives in one R__api_* file (docs/architecture.md).

-- The next free request slot of the eSIM Access account (the table: V27). Each call takes one slot
-- 1.1 / p_per_second apart and answers how many milliseconds the caller waits before sending. The
-- 10 % margin (the client's own limiter keeps 3 %) absorbs what lies between taking a slot and the
-- request's arrival — a database round trip, a wake-up — which differs between instances. One short row lock: callers queue here, not at the
-- provider.
create or replace function private.take_provider_slot(p_per_second numeric)
returns integer
language plpgsql security definer
set search_path = ''
as $$
declare
  v_gap interval;
  v_slot timestamptz;
begin
  if p_per_second is null or not (p_per_second > 0 and p_per_second <= 1000) then
    perform private.fail('400', 'out_of_range', 'requests per second: more than 0, at most 1000', 'per_second');
  end if;
  v_gap := pg_catalog.make_interval(secs => 1.1 / p_per_second);
  insert into private.provider_request_slots (id, next_slot) values (1, pg_catalog.clock_timestamp())
  on conflict (id) do nothing;
  update private.provider_request_slots s
  set next_slot = greatest(s.next_slot, pg_catalog.clock_timestamp()) + v_gap
  where s.id = 1
  returning s.next_slot - v_gap into v_slot;
  return greatest(0, pg_catalog.ceil(pg_catalog.date_part('epoch', v_slot - pg_catalog.clock_timestamp()) * 1000))::integer;
end
$$;
revoke all on function private.take_provider_slot(numeric) from public, anon, authenticated;
grant execute on function private.take_provider_slot(numeric) to service_role;

create or replace function public.take_provider_slot(p_per_second numeric default 8)
returns integer
language sql
security invoker
set search_path = ''
as $$
  select private.take_provider_slot(p_per_second)
$$;
revoke all on function public.take_provider_slot(numeric) from public, anon, authenticated;
grant execute on function public.take_provider_slot(numeric) to service_role;
