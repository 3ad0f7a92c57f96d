-- V20 is another change's. Two small additions:

-- Reconciliation also scans every shop for payments waiting for their customer's action (3-D Secure), to ask the
-- gateway about a completion whose webhook was lost.
create index payments_awaiting_action_idx on payments (updated_at) where status = 'requires_action';

-- Whether a shop taxes shipping at the destination's rate (Shopify's "Charge tax on shipping rates"); off by default,
-- as it was, so that no existing shop's totals change on deploy.
alter table checkout_settings add column tax_shipping boolean not null default false;
