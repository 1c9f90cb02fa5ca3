-- V14: partner onboarding and review (docs/identity.md).
--
-- * A signed-in user applies (apply_as_partner): one pending_approval partner with company,
--   contact, country, business type and document references. An applicant cannot approve itself
--   and orders at no discount: it cannot order at all until approved.
-- * Admins review (review_partner): approve (optionally with a custom rate), reject with a reason,
--   suspend, reactivate, deactivate. Each is one call, refused from the wrong standing
--   (illegal_transition), and audited in partner_status_changes (who, when, from, to, reason).
-- * Only an active partner may add or change customers, groups and members, import, or log sell
--   prices (orders already require it, V4).

select private.add_constraint_if_missing('public.partners', 'partners_status_known',
  $c$check (status::text = any ('{active,suspended,pending_approval,deactivated,rejected}'::text[]))$c$);   -- as one constant (V2)
alter table public.partners drop constraint if exists partners_status_check;

-- A partner row an API user creates starts pending (the column decisions reset status to this).
alter table public.partners alter column status set default 'pending_approval';

alter table public.partners
  add column if not exists country_code varchar(2),
  add column if not exists documents jsonb not null default '[]'::jsonb,
  add column if not exists status_reason text;

create table if not exists public.partner_status_changes (
  id bigint generated always as identity primary key,
  partner_id uuid not null references public.partners (id) on delete cascade,
  from_status varchar(20),
  to_status varchar(20) not null,
  reason text,
  custom_discount_rate numeric(5, 2),
  actor_id uuid,
  created_at timestamptz not null default now()
);
create index if not exists idx_partner_status_changes_partner on public.partner_status_changes (partner_id, created_at);
alter table public.partner_status_changes enable row level security;
revoke all on public.partner_status_changes from public, anon, authenticated;
grant select on public.partner_status_changes to authenticated;
grant all on public.partner_status_changes to service_role;
drop policy if exists partner_status_changes_select on public.partner_status_changes;
create policy partner_status_changes_select on public.partner_status_changes for select to authenticated
  using ((select private.is_admin())
         or partner_id = (select private.current_partner_id()));

insert into private.column_decisions (table_name, column_name, decision) values
  ('partners', 'country_code', 'client_insert'), ('partners', 'documents', 'client_insert'),
  ('partners', 'status_reason', 'admin'),
  ('partner_status_changes', 'id', 'computed'), ('partner_status_changes', 'partner_id', 'computed'),
  ('partner_status_changes', 'from_status', 'computed'), ('partner_status_changes', 'to_status', 'computed'),
  ('partner_status_changes', 'reason', 'computed'), ('partner_status_changes', 'custom_discount_rate', 'computed'),
  ('partner_status_changes', 'actor_id', 'computed'), ('partner_status_changes', 'created_at', 'computed')
on conflict (table_name, column_name) do update set decision = excluded.decision;
select private.apply_column_decisions();   -- status now resets to pending_approval, its new default

-- The review lifecycle (onesim-core PartnerStatus.next()).
create or replace function private.partner_transition_allowed(p_from text, p_to text) returns boolean
language sql immutable
set search_path = ''
as $$
  select (p_from, p_to) in (('pending_approval', 'active'), ('pending_approval', 'rejected'),
                            ('active', 'suspended'), ('active', 'deactivated'),
                            ('suspended', 'active'), ('suspended', 'deactivated'))
$$;

-- The work runs in private SECURITY DEFINER functions (the insert needs to pass the admin-only
-- insert policy); the exposed public functions are SECURITY INVOKER wrappers (advisor rule).
-- private.apply_as_partner lives in R__api_onboarding.sql with its public wrapper.

-- private.review_partner lives in R__api_onboarding.sql with its public wrapper.


-- Every standing change follows the lifecycle, whoever makes it through the API (a direct admin
-- PATCH of partners.status included), and is audited by a trigger (who, when, from, to, reason).
create or replace function private.partners_check_transition() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.status is distinct from old.status and private.is_api_role()
     and not private.partner_transition_allowed(old.status, new.status) then
    perform private.fail('409', 'illegal_transition',
      pg_catalog.format('a %s partner cannot become %s', old.status, new.status), 'status');
  end if;
  return new;
end
$$;
drop trigger if exists trg_01_partners_transition on public.partners;
-- (UPDATE OF: a statement that does not set the status, such as a balance move, never calls it)
create trigger trg_01_partners_transition before update of status on public.partners
  for each row execute function private.partners_check_transition();

create or replace function private.partners_audit_status() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' or new.status is distinct from old.status then
    insert into public.partner_status_changes (partner_id, from_status, to_status, reason, custom_discount_rate, actor_id)
    values (new.id, case when tg_op = 'UPDATE' then old.status end, new.status,
            case when tg_op = 'UPDATE' then new.status_reason end, new.custom_discount_rate, (select auth.uid()));
  end if;
  return null;
end
$$;
drop trigger if exists trg_partners_audit_status on public.partners;
create trigger trg_partners_audit_status after insert or update of status on public.partners
  for each row execute function private.partners_audit_status();

-- Only an active partner writes customers, groups and members, or logs sell prices.
create or replace function private.require_active_partner() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_status text;
begin
  if pg_catalog.pg_trigger_depth() > 1 or not private.is_api_role() or private.is_privileged() then
    return coalesce(new, old);
  end if;
  select p.status into v_status from public.partners p where p.id = private.current_partner_id();
  if v_status is distinct from 'active' then
    perform private.fail('403', 'partner_not_active',
      pg_catalog.format('the partner is %s; only active partners may do this', coalesce(v_status, 'missing')), 'partner_id');
  end if;
  return coalesce(new, old);
end
$$;
do $$
declare
  t text;
begin
  foreach t in array array['partner_customers', 'customer_groups', 'customer_group_members', 'partner_earnings'] loop
    execute pg_catalog.format('drop trigger if exists trg_01_active_partner on public.%I', t);
    -- the WHEN holds the function's first test: our triggers' writes, direct sessions and the
    -- service role never call it (a purchase's earning is written one trigger level down)
    execute pg_catalog.format(
      'create trigger trg_01_active_partner before insert or update or delete on public.%I for each row '
      'when (private.is_user_write()) execute function private.require_active_partner()', t);
  end loop;
end
$$;

-- The API functions this migration introduced live, in their current form, in R__api_onboarding.sql.
