-- Webhooks are signed as Standard Webhooks sign them: the key is the base64-decoded part of a
-- "whsec_<base64>" secret. Before, the key was the secret's own UTF-8 bytes, whatever it looked like.
-- Every stored secret becomes "whsec_" and the standard base64 of those same bytes, so each webhook
-- keeps signing with the key it had: a receiver gives its library "whsec_" + base64(old secret) and
-- nothing has to be rotated. (PostgreSQL's base64 breaks lines every 76 characters: removed.)
UPDATE webhook SET secret = 'whsec_' || replace(encode(convert_to(secret, 'UTF8'), 'base64'), E'\n', '');
