-- 0031_gin_without_pending_lists.sql
--
-- A GIN index takes new entries into a pending list (fastupdate) and merges the list into the index when it passes
-- gin_pending_list_limit (4 MB): the insert or update that passes it does the whole merge. On the read side that
-- statement is the projector's batch: at 400 tickets/s the text index's list (trigrams of every new ticket) and the
-- engineers' lists (every row update is a new row version, so a new entry) filled every few batches, and that batch's
-- text insert took up to 1.5 s and its ticket upsert up to 3.4 s instead of 10 and 170 ms (pg_stat_statements), the
-- projection lag's tail. Without a pending list every entry goes straight into its index: each write pays a little
-- more, none pays for the others, and a search no longer reads an unmerged list first.
ALTER INDEX rm_ticket_text_weeks SET (fastupdate = off);
ALTER INDEX rm_tickets_engineers SET (fastupdate = off);
ALTER INDEX rm_tickets_engineers_before SET (fastupdate = off);
ALTER INDEX rm_tickets_breached_clocks SET (fastupdate = off);

-- What the lists hold now goes into the indexes here, once (fastupdate off only stops new entries going to the list).
SELECT gin_clean_pending_list('rm_ticket_text_weeks'::regclass), gin_clean_pending_list('rm_tickets_engineers'::regclass),
       gin_clean_pending_list('rm_tickets_engineers_before'::regclass), gin_clean_pending_list('rm_tickets_breached_clocks'::regclass);
