-- What a member is told about a submission follows its documents: any quarantined or rejected
-- -> needs_attention; all routed -> processed; otherwise checking. Kept by the database in the
-- same statement that changes a document's status, so it can never fall behind (a crash between
-- two statements) and costs no extra round trip.
CREATE OR REPLACE FUNCTION refresh_submission_status() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE submissions SET status = (
    SELECT CASE
      WHEN bool_or(d.status IN ('quarantined', 'rejected')) THEN 'needs_attention'
      WHEN bool_and(d.status = 'routed') THEN 'processed'
      ELSE 'checking'
    END::submission_status
    FROM submission_documents d WHERE d.submission_id = NEW.submission_id
  ), updated_at = now()
  WHERE id = NEW.submission_id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER submission_documents_status_changed
  AFTER UPDATE OF status ON submission_documents
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION refresh_submission_status();
