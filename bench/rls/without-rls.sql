\set t random(1, 2000)
BEGIN;
SELECT set_config('bazaar.tenant_id', md5(:t::text)::uuid::text, true), set_config('role', 'bazaar_app', true);
SELECT * FROM m_plain WHERE tenant_id = md5(:t::text)::uuid ORDER BY id LIMIT 20;
END;
