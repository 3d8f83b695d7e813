-- A stable position in each list that pages (opaque cursors carry it, common's Cursors): members in the order
-- they joined (an org's members, a user's orgs), invitations in the order they were made. Each org's rows are
-- inserted under the org's row lock, so within an org a position is never committed behind one already read.
-- Existing rows are numbered in the order the lists had before (joined_at, user_id / created_at).

CREATE SEQUENCE member_seq;
ALTER TABLE member ADD COLUMN seq bigint;
UPDATE member SET seq = numbered.n
  FROM (SELECT id, row_number() OVER (ORDER BY joined_at, user_id) AS n FROM member) AS numbered
 WHERE member.id = numbered.id;
SELECT setval('member_seq', coalesce(max(seq), 0) + 1, false) FROM member;
ALTER TABLE member ALTER COLUMN seq SET DEFAULT nextval('member_seq'), ALTER COLUMN seq SET NOT NULL;
ALTER SEQUENCE member_seq OWNED BY member.seq;
CREATE UNIQUE INDEX member_by_org_seq ON member (org_id, seq);
CREATE UNIQUE INDEX member_by_user_seq ON member (user_id, seq);
DROP INDEX member_by_user;

CREATE SEQUENCE invitation_seq;
ALTER TABLE invitation ADD COLUMN seq bigint;
UPDATE invitation SET seq = numbered.n
  FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS n FROM invitation) AS numbered
 WHERE invitation.id = numbered.id;
SELECT setval('invitation_seq', coalesce(max(seq), 0) + 1, false) FROM invitation;
ALTER TABLE invitation ALTER COLUMN seq SET DEFAULT nextval('invitation_seq'), ALTER COLUMN seq SET NOT NULL;
ALTER SEQUENCE invitation_seq OWNED BY invitation.seq;
CREATE UNIQUE INDEX invitation_by_org_seq ON invitation (org_id, seq);
DROP INDEX invitation_by_email;
CREATE INDEX invitation_by_email ON invitation (email, seq) WHERE status = 'PENDING';
