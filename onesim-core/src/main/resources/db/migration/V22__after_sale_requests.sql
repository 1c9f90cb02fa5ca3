-- V22: what a partner asks for after the sale (docs/state-machines.md, "After-sale requests").
--
-- * A partner asks OneSIM's backend to cancel and refund an eSIM its traveller did not use, or to
--   send the installation details again. One open request per order and kind.
-- * The backend works through them (claim with SKIP LOCKED): a cancel goes to the provider, which
--   refuses an installed or used eSIM (the request is then refused with that reason); a refund
--   credits the partner's balance (the ledger's own rule). Every request ends done or refused, with
--   the outcome and when.

create table if not exists public.after_sale_requests (
  id uuid primary key default gen_random_uuid(),
  order_id uuid not null references public.orders (id),
  partner_id uuid not null references public.partners (id),
  kind varchar(16) not null check (kind in ('cancel', 'resend')),
  reason varchar(500),
  status varchar(16) not null default 'pending' check (status in ('pending', 'done', 'refused')),
  outcome text,
  created_by uuid default auth.uid(),
  created_at timestamptz not null default now(),
  lease_until timestamptz,
  processed_at timestamptz
);
create unique index if not exists uq_after_sale_open on public.after_sale_requests (order_id, kind) where status = 'pending';
create index if not exists idx_after_sale_partner on public.after_sale_requests (partner_id, created_at desc);
create index if not exists idx_after_sale_pending on public.after_sale_requests (created_at) where status = 'pending';
alter table public.after_sale_requests enable row level security;
revoke all on public.after_sale_requests from public, anon, authenticated;
grant select on public.after_sale_requests to authenticated;
grant all on public.after_sale_requests to service_role;
drop policy if exists after_sale_requests_select on public.after_sale_requests;
create policy after_sale_requests_select on public.after_sale_requests for select to authenticated
  using ((select private.is_admin()) or partner_id = (select private.current_partner_id()));

insert into private.column_decisions (table_name, column_name, decision)
select 'after_sale_requests', c, 'definer' from pg_catalog.unnest(array['order_id', 'partner_id', 'kind', 'reason']) c
union all select 'after_sale_requests', c, 'backend' from pg_catalog.unnest(array['status', 'outcome', 'lease_until', 'processed_at']) c
union all select 'after_sale_requests', c, 'computed' from pg_catalog.unnest(array['id', 'created_by', 'created_at']) c
on conflict (table_name, column_name) do update set decision = excluded.decision;
select private.apply_column_decisions();
