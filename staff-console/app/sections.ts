/** The console's sections and the roles that see each; the server checks the same roles on every call. */

export type StaffRole = 'agent' | 'clerk' | 'editor' | 'admin';

/** Each role as the console names it. */
export const ROLE_LABELS: Record<StaffRole, string> = {
  agent: 'Kundenberatung',
  clerk: 'Posteingang',
  editor: 'Wissenspflege',
  admin: 'Administration',
};

export interface StaffUser {
  id: string;
  username: string;
  displayName: string;
  role: StaffRole;
  mustChangePassword?: boolean;
}

export interface Section {
  id: 'chat' | 'callbacks' | 'review' | 'search' | 'canned' | 'knowledge' | 'members' | 'statistics' | 'administration' | 'operations';
  label: string;
  roles: StaffRole[];
}

export const SECTIONS: Section[] = [
  { id: 'chat', label: 'Live-Chat', roles: ['agent', 'admin'] },
  { id: 'callbacks', label: 'Rückrufe', roles: ['agent', 'admin'] },
  { id: 'members', label: 'Versicherte', roles: ['agent', 'admin'] },
  { id: 'review', label: 'Dokumentprüfung', roles: ['clerk', 'admin'] },
  { id: 'search', label: 'Dokumentsuche', roles: ['clerk', 'admin'] },
  { id: 'canned', label: 'Textvorlagen', roles: ['admin'] },
  { id: 'knowledge', label: 'Wissen', roles: ['editor', 'admin'] },
  { id: 'statistics', label: 'Statistik', roles: ['agent', 'admin'] },
  { id: 'administration', label: 'Verwaltung', roles: ['admin'] },
  { id: 'operations', label: 'Betrieb', roles: ['admin'] },
];

export function sectionsFor(role: StaffRole): Section[] {
  return SECTIONS.filter((section) => section.roles.includes(role));
}
