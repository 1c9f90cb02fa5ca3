-- V8: what the backend's fulfilment needs, and customer create-or-reuse for partners.
--
-- * orders get the provider side: the profile's esim_tran_no, the provider transaction id the
--   backend ordered under (stable, so a replay never buys twice), a lease for the worker that
--   claimed the order, and the failure reason.
-- * claim_pending_orders: atomic claim with FOR UPDATE SKIP LOCKED and a lease (several fulfillers
--   may run; an expired lease is claimable again). Service role only.
-- * complete_allocation: assigns the provider's profiles to the orders of one provider order and
--   marks them ALLOCATED, in one statement (the ledger trigger completes the earnings).
-- * save_partner_customer: the same email (case-insensitive) for the same partner is the same
--   customer; returns the existing or new row.

alter table public.orders
  add column if not exists esim_tran_no varchar(32),
  add column if not exists provider_transaction_id varchar(64),
  add column if not exists fulfilment_worker varchar(64),
  add column if not exists fulfilment_lease_until timestamptz,
  add column if not exists failure_reason text;
-- A signed-in buyer need not send user_id: it is the caller (RLS still checks it).
alter table public.orders alter column user_id set default auth.uid();

create index if not exists idx_orders_pending_claim on public.orders (created_at) where order_status = 'PENDING';
create index if not exists idx_orders_provider_txn on public.orders (provider_transaction_id) where provider_transaction_id is not null;
create index if not exists idx_orders_esim_order_no on public.orders (esim_order_no) where esim_order_no is not null;

-- The API functions this migration introduced live, in their current form, in R__api_fulfilment, R__api_customers.sql.
