import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { sectionsFor, type StaffRole } from './sections.js';

/** The logged-in person's role, for the few places that show more to some roles. */
export const RoleContext = createContext<StaffRole | undefined>(undefined);

/**
 * A tracking ID: a link to the document in the search for those who may see documents (clerks,
 * admins), plain text for everyone else — the server refuses them the document anyway.
 */
export function TrackingIdLink({ trackingId }: { trackingId: string }) {
  const role = useContext(RoleContext);
  const canOpen = role !== undefined && sectionsFor(role).some((s) => s.id === 'search');
  if (!canOpen) return <span class="tracking-id">{trackingId}</span>;
  return (
    <a class="tracking-id" href={`#/search/${encodeURIComponent(trackingId)}`} title="Dokument in der Dokumentsuche öffnen">
      {trackingId}
    </a>
  );
}
