-- V21: every attempt to hand an eSIM to its traveller is kept (docs/webhooks.md, "Delivery").
--
-- orders.delivery_status keeps the latest outcome per channel ({"email": "sent"}); this table keeps
-- each attempt — first delivery and every resend — with its channel, outcome and time, written by
-- record_delivery in the same statement as the status. Visible with the order.

create table if not exists public.delivery_attempts (
  id bigint generated always as identity primary key,
  order_id uuid not null references public.orders (id),
  partner_id uuid references public.partners (id),
  channel varchar(20) not null,
  outcome text not null,
  attempted_at timestamptz not null default now()
);
create index if not exists idx_delivery_attempts_order on public.delivery_attempts (order_id, attempted_at);
create index if not exists idx_delivery_attempts_partner on public.delivery_attempts (partner_id, attempted_at desc);
alter table public.delivery_attempts enable row level security;
revoke all on public.delivery_attempts from public, anon, authenticated;
grant select on public.delivery_attempts to authenticated;
grant all on public.delivery_attempts to service_role;
drop policy if exists delivery_attempts_select on public.delivery_attempts;
create policy delivery_attempts_select on public.delivery_attempts for select to authenticated
  using (order_id in (select o.id from public.orders o));

insert into private.column_decisions (table_name, column_name, decision)
select 'delivery_attempts', c, 'definer' from pg_catalog.unnest(array['order_id', 'partner_id', 'channel', 'outcome']) c
union all select 'delivery_attempts', c, 'computed' from pg_catalog.unnest(array['id', 'attempted_at']) c
on conflict (table_name, column_name) do update set decision = excluded.decision;
select private.apply_column_decisions();
