-- The size a cluster had when its summary (shared terms, category, signature) was last computed from all its members.
-- Up to 50 members the summary is computed at every join; above, when the cluster has grown by 10 % since, or reaches
-- a size to announce (RecurringService). Existing clusters start at 0: their next join computes it.
ALTER TABLE recurring_cluster ADD COLUMN summary_size INT NOT NULL DEFAULT 0;
