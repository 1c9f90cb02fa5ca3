-- V31: a paid batch the provider keeps refusing for a reason we do not know goes to a person
-- (issue #27), instead of being tried again forever. Each refusal that leaves a batch waiting is
-- counted on its orders; after private.max_order_attempts() the batch is marked for review:
-- reconcile no longer claims it, health says so, and a person settles it with
-- resolve_order_review (the provider's order number when the provider holds it, or not placed).
-- Waiting for the provider's balance (200007) or a price re-sync (200005) is not counted.

alter table public.orders
  add column if not exists provider_attempts integer not null default 0,
  add column if not exists review_since timestamptz,
  add column if not exists review_reason text;

create index if not exists orders_review_idx on public.orders (review_since) where review_since is not null;

insert into private.column_decisions (table_name, column_name, decision) values
  ('orders', 'provider_attempts', 'backend'),
  ('orders', 'review_since', 'backend'),
  ('orders', 'review_reason', 'backend')
on conflict (table_name, column_name) do update set decision = excluded.decision;

select private.apply_column_decisions();
