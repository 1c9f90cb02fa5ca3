-- V7: the RPCs of the partner flows, exposed as /rest/v1/rpc/<name>. All SECURITY INVOKER: they
-- run as the caller, so RLS and the V4 triggers apply; each validates its inputs and a failed call
-- writes nothing (one statement, one transaction).

-- The API functions this migration introduced live, in their current form, in R__api_partner_orders.sql.
