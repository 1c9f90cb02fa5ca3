-- Partner webhooks (issue 29): the claim serves each endpoint a batch at a time, oldest first, and
-- skips an endpoint while a batch of it is being sent. Both questions are index probes per endpoint,
-- whatever the size of the backlog: its oldest due deliveries, and whether any is held under a lease.
create index if not exists idx_webhook_deliveries_endpoint_due
  on public.webhook_deliveries (endpoint_id, next_attempt_at, id) where status = 'pending';
create index if not exists idx_webhook_deliveries_endpoint_leased
  on public.webhook_deliveries (endpoint_id, lease_until) where status = 'pending';
