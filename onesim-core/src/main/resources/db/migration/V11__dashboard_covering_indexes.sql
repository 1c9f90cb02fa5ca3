-- V11: let the partner dashboard count and sum from indexes alone. The view filters orders by
-- partner and status, and RLS adds source_type/user_id; earnings are summed by partner and status.
-- Covering indexes hold every column those read, so (with a current visibility map) the work is
-- index-only instead of visiting the table.

create index if not exists idx_orders_partner_status_cover on public.orders (partner_id, order_status)
  include (source_type, user_id) where partner_id is not null;

create index if not exists idx_partner_earnings_dashboard on public.partner_earnings (partner_id, status)
  include (completed_at, partner_paid_usd, partner_paid_uzs, discount_amount_usd, discount_amount_uzs, retail_price_usd);
drop index if exists public.idx_partner_earnings_partner_status;
