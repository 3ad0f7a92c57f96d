-- Deleting a shop cascades to its audit log, so only the system role (the purge) may delete shops; the application
-- role soft-deletes by status. Plans are archived, never deleted.
revoke delete on shops, plans from ${application_role};
revoke delete on plans from ${system_role};
