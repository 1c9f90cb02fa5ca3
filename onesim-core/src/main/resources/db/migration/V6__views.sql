-- V6: reporting views. Both run with the caller's rights (security_invoker), so each caller sees
-- only the rows RLS allows.

-- Every order with its buyer, partner, end customer, group, package and earning. Fixes the spec:
-- the end customer's email is an email (the spec showed the b2c buyer's phone there).
drop view if exists public.v_orders_complete;
create view public.v_orders_complete with (security_invoker = on) as
select
  o.*,
  p_user.first_name as user_first_name,
  p_user.last_name as user_last_name,
  pt.company_name as partner_company_name,
  pt.business_email as partner_email,
  coalesce(pc.first_name, o.customer_first_name) as end_customer_first_name,
  coalesce(pc.last_name, o.customer_last_name) as end_customer_last_name,
  coalesce(pc.email, o.customer_email) as end_customer_email,
  cg.name as group_name,
  pkg.name as package_name,
  pkg.data_gb,
  pkg.duration,
  pe.discount_amount_usd as earning_discount_usd,
  pe.status as earning_status
from public.orders o
left join public.profiles p_user on p_user.id = o.user_id
left join public.partners pt on pt.id = o.partner_id
left join public.partner_customers pc on pc.id = o.end_customer_id and o.end_customer_type = 'b2b_partner_customer'
left join public.customer_groups cg on cg.id = o.customer_group_id
left join public.esim_packages pkg on pkg.package_code = o.package_code
left join public.partner_earnings pe on pe.order_id = o.id;

-- One row per partner with the numbers of the discount model (docs/money.md). Each aggregate comes from its own
-- subquery (the spec joined orders and groups together, which multiplied the sums).
-- Money totals are the ledger's (completed earnings), kept on partners by the V4 triggers.
drop view if exists public.v_partner_dashboard_stats;
create view public.v_partner_dashboard_stats with (security_invoker = on) as
select
  pt.id as partner_id,
  pt.company_name,
  pt.status,
  pt.effective_discount_rate,
  pt.total_orders,
  o.orders_placed,
  o.active_orders,
  o.pending_orders,
  o.failed_orders,
  o.cancelled_orders,
  pt.total_spent as total_spent_usd,
  pt.total_orders_value_retail as total_orders_value_retail_usd,
  pt.total_savings as total_savings_usd,
  e.total_spent_uzs,
  e.total_savings_uzs,
  round(pt.total_savings / nullif(pt.total_orders_value_retail, 0) * 100, 2) as effective_discount_percent,
  e.month_orders,
  e.month_spent_usd,
  e.month_retail_usd,
  e.month_savings_usd,
  pt.total_customers,
  g.total_groups
from public.partners pt
cross join lateral (
  select
    count(*) as orders_placed,
    count(*) filter (where x.order_status = 'ALLOCATED') as active_orders,
    count(*) filter (where x.order_status in ('PENDING', 'PROCESSING')) as pending_orders,
    count(*) filter (where x.order_status = 'FAILED') as failed_orders,
    count(*) filter (where x.order_status = 'CANCELLED') as cancelled_orders
  from public.orders x where x.partner_id = pt.id
) o
cross join lateral (
  select
    coalesce(sum(x.partner_paid_uzs), 0) as total_spent_uzs,
    coalesce(sum(x.discount_amount_uzs), 0) as total_savings_uzs,
    count(*) filter (where x.completed_at >= date_trunc('month', now())) as month_orders,
    coalesce(sum(x.partner_paid_usd) filter (where x.completed_at >= date_trunc('month', now())), 0) as month_spent_usd,
    coalesce(sum(x.retail_price_usd) filter (where x.completed_at >= date_trunc('month', now())), 0) as month_retail_usd,
    coalesce(sum(x.discount_amount_usd) filter (where x.completed_at >= date_trunc('month', now())), 0) as month_savings_usd
  from public.partner_earnings x where x.partner_id = pt.id and x.status = 'completed'
) e
cross join lateral (
  select count(*) as total_groups from public.customer_groups x where x.partner_id = pt.id
) g;

revoke all on public.v_orders_complete, public.v_partner_dashboard_stats from anon, authenticated;
grant select on public.v_orders_complete, public.v_partner_dashboard_stats to authenticated, service_role;
