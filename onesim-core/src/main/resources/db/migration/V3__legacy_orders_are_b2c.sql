-- V3: the shop's existing orders are direct consumer purchases. Prices stay as they were; only
-- the new classification columns are filled, and only where they are still empty.
update public.orders
set end_customer_id = user_id,
    end_customer_type = 'b2c',
    retail_price_override_usd = coalesce(retail_price_override_usd, price_usd)
where source_type = 'b2c'
  and end_customer_type is null;
