-- API functions: shop payments: the backend confirms, refunds and expires.
-- Repeatable (Flyway runs it after every versioned migration and again whenever it changes): the
-- current definition of each API function lives in one R__api_* file; versioned files hold tables,
-- data, triggers, helpers and policies. Plain SQL, safe to run again with psql (docs/architecture.md).

-- The backend confirms a payment for orders awaiting it. The amount must equal their total in
-- that currency (price_usd or price_uzs); the same provider reference again returns the same
-- orders and changes nothing.
create or replace function public.confirm_payment(p_order_ids uuid[], p_provider text, p_reference text, p_amount numeric,
  p_currency text)
returns setof public.orders
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_known public.payments%rowtype;
  v_total numeric;
  v_count integer;
begin
  if not private.is_backend() then
    perform private.fail('403', 'backend_only', 'payments are confirmed by OneSIM''s backend', null);
  end if;
  if p_provider is null or p_reference is null or pg_catalog.btrim(p_reference) = '' then
    perform private.fail('400', 'required', 'the payment provider and its reference are required', 'reference');
  end if;
  if p_currency is null or p_currency not in ('USD', 'UZS') then
    perform private.fail('400', 'unknown_currency', 'currency is USD or UZS', 'currency');
  end if;
  if p_amount is null or not (p_amount > 0 and p_amount < 'Infinity'::numeric) then
    perform private.fail('400', 'invalid_amount', 'the amount must be a positive number', 'amount');
  end if;
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended(p_provider || '/' || p_reference, 0));
  select * into v_known from public.payments p where p.provider = p_provider and p.reference = p_reference;
  if found then
    if v_known.order_ids <> p_order_ids or v_known.amount <> p_amount or v_known.currency <> p_currency then
      perform private.fail('409', 'payment_reference_reused', 'this payment reference was confirmed for other orders or another amount', 'reference');
    end if;
    return query select * from public.orders o where o.id = any (p_order_ids) order by o.created_at, o.id;
    return;
  end if;
  if p_order_ids is null or pg_catalog.cardinality(p_order_ids) = 0 then
    perform private.fail('400', 'required', 'name the orders this payment is for', 'order_ids');
  end if;
  select pg_catalog.count(*), pg_catalog.sum(case when p_currency = 'USD' then o.price_usd else o.price_uzs end)
    into v_count, v_total
  from public.orders o
  where o.id = any (p_order_ids) and o.payment_status = 'awaiting_payment' and o.partner_id is null;
  if v_count <> (select pg_catalog.count(distinct x) from pg_catalog.unnest(p_order_ids) x) then
    perform private.fail('409', 'not_awaiting_payment', 'some orders do not exist, are not shop orders, or are not awaiting payment', 'order_ids');
  end if;
  if v_total is distinct from p_amount then   -- an order without a price in that currency never matches
    perform private.fail('400', 'amount_mismatch',
      pg_catalog.format('the orders cost %s %s, the payment is %s %s', v_total, p_currency, p_amount, p_currency), 'amount');
  end if;
  insert into public.payments (provider, reference, amount, currency, order_ids) values (p_provider, p_reference, p_amount, p_currency, p_order_ids);
  return query
  update public.orders o set payment_status = 'paid', paid_at = pg_catalog.now(), payment_reference = p_provider || ':' || p_reference
  where o.id = any (p_order_ids)
  returning o.*;
end
$$;

-- A refund of a confirmed shop payment: the orders become refunded (cancelled first by the
-- backend when allocated); the same refund reference twice is a no-op.
create or replace function public.record_refund(p_provider text, p_reference text, p_refund_reference text)
returns public.payments
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_payment public.payments%rowtype;
begin
  if not private.is_backend() then
    perform private.fail('403', 'backend_only', 'refunds are recorded by OneSIM''s backend', null);
  end if;
  select * into v_payment from public.payments p where p.provider = p_provider and p.reference = p_reference for update;
  if not found then
    perform private.fail('404', 'unknown_payment', 'no such confirmed payment', 'reference');
  end if;
  if v_payment.refund_reference is not null then
    if v_payment.refund_reference <> p_refund_reference then
      perform private.fail('409', 'already_refunded', 'this payment was refunded under another reference', 'refund_reference');
    end if;
    return v_payment;
  end if;
  update public.payments p set refund_reference = p_refund_reference, refunded_at = pg_catalog.now()
  where p.id = v_payment.id returning * into v_payment;
  update public.orders o set payment_status = 'refunded' where o.id = any (v_payment.order_ids) and o.payment_status = 'paid';
  return v_payment;
end
$$;

-- Unpaid orders older than p_older_than expire: payment expired, order FAILED (the ledger cancels
-- their earnings). Backend only; returns how many expired.
create or replace function public.expire_unpaid_orders(p_older_than interval)
returns integer
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_count integer;
begin
  if not private.is_backend() then
    perform private.fail('403', 'backend_only', 'only the backend expires orders', null);
  end if;
  update public.orders o
  set payment_status = 'expired', order_status = 'FAILED', failure_reason = 'payment not received in time'
  where o.payment_status = 'awaiting_payment' and o.order_status = 'PENDING' and o.created_at < pg_catalog.now() - p_older_than;
  get diagnostics v_count = row_count;
  return v_count;
end
$$;

