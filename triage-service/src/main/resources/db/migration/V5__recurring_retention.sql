-- Retention of recurring-issue detection: a scheduled sweep deletes the clusters no ticket joined within the window
-- and the tickets older than the window that belong to no remaining cluster, in chunks. Deleting a cluster takes its
-- membership and announcements with it (ON DELETE CASCADE, served by recurring_member_cluster_idx and the
-- announcement's primary key); the chunks are found through recurring_cluster_updated_idx (updated_at) and
-- recurring_ticket_created_idx (created_at) of V4, the "no cluster" test through recurring_member's primary key.
ALTER TABLE recurring_member
    DROP CONSTRAINT recurring_member_cluster_id_fkey,
    ADD CONSTRAINT recurring_member_cluster_id_fkey
        FOREIGN KEY (cluster_id) REFERENCES recurring_cluster (cluster_id) ON DELETE CASCADE;

ALTER TABLE recurring_announcement
    DROP CONSTRAINT recurring_announcement_cluster_id_fkey,
    ADD CONSTRAINT recurring_announcement_cluster_id_fkey
        FOREIGN KEY (cluster_id) REFERENCES recurring_cluster (cluster_id) ON DELETE CASCADE;
