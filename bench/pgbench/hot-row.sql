-- The raw PostgreSQL figure beside the hot pool: one row, decremented while it stays >= 0.
UPDATE bench_pool SET bal = bal - 1 WHERE id = 1 AND bal >= 1;
