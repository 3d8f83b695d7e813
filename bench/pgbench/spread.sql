-- The raw PostgreSQL figure beside the spread run: the same update on one of 10,000 rows at random.
\set id random(1, 10000)
UPDATE bench_pool SET bal = bal - 1 WHERE id = :id AND bal >= 1;
