-- Reconciliation also scans every shop for payments waiting for their customer's action (3-D Secure), to ask the
-- gateway about a completion whose webhook was lost. (V20 is another change's.)
create index payments_awaiting_action_idx on payments (updated_at) where status = 'requires_action';
