-- The raw PostgreSQL figure to compare with: one hot row, decremented while it stays >= 0.
UPDATE bench_pool SET balance = balance - 1 WHERE id = 1 AND balance >= 1;
