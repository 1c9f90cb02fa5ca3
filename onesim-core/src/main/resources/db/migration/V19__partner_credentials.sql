-- V19: integration credentials, so a partner's server acts for the partner without a person's
-- password (docs/identity.md, "Server credentials").
--
-- * A credential is a dedicated Supabase Auth user with a long random password (Supabase Auth
--   keeps only its bcrypt hash); OneSIM's backend creates it through the Auth admin API and records
--   it here. The partner's server signs in as that user and refreshes like any session.
-- * private.current_partner_id() maps a live (not revoked) credential's user to its partner, so
--   every policy and check treats it as the partner. Revoking sets revoked_at: from that moment the
--   user's tokens, still valid for Auth until they expire, act for nobody.
-- * Partners (owner and integration users) and admins read the list; only the backend writes it.

create table if not exists public.partner_credentials (
  id uuid primary key,
  partner_id uuid not null references public.partners (id),
  user_id uuid unique references auth.users (id) on delete set null,  -- null once the user is deleted (revoked)
  label varchar(100) not null check (pg_catalog.btrim(label) <> ''),
  created_by uuid,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
create index if not exists idx_partner_credentials_partner on public.partner_credentials (partner_id, created_at);
alter table public.partner_credentials enable row level security;
revoke all on public.partner_credentials from public, anon, authenticated;
grant select on public.partner_credentials to authenticated;
grant all on public.partner_credentials to service_role;
drop policy if exists partner_credentials_select on public.partner_credentials;
create policy partner_credentials_select on public.partner_credentials for select to authenticated
  using ((select private.is_admin()) or partner_id = (select private.current_partner_id()));

insert into private.column_decisions (table_name, column_name, decision) values
  ('partner_credentials', 'id', 'fixed'), ('partner_credentials', 'partner_id', 'fixed'),
  ('partner_credentials', 'user_id', 'fixed'), ('partner_credentials', 'label', 'backend'),
  ('partner_credentials', 'created_by', 'fixed'), ('partner_credentials', 'created_at', 'computed'),
  ('partner_credentials', 'revoked_at', 'backend')
on conflict (table_name, column_name) do update set decision = excluded.decision;
select private.apply_column_decisions();

-- When each credential last signed in (Supabase Auth records it on auth.users, which API roles
-- cannot read): the caller's partner's credentials, or any partner's for admins and the backend.
create or replace function private.credential_last_sign_ins(p_partner_id uuid)
returns table (credential_id uuid, last_sign_in_at timestamptz)
language sql stable security definer
set search_path = ''
as $$
  select c.id, u.last_sign_in_at
  from public.partner_credentials c
  join auth.users u on u.id = c.user_id
  where c.partner_id = p_partner_id
    and (p_partner_id = private.current_partner_id() or private.is_privileged())
$$;
revoke all on function private.credential_last_sign_ins(uuid) from public;
grant execute on function private.credential_last_sign_ins(uuid) to authenticated, service_role;
