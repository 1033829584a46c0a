import { useEffect, useState } from 'preact/hooks';
import { api, SESSION_ENDED, setCsrfToken } from './api.js';
import { CallbacksSection } from './callbacks/callbacks-section.js';
import { CannedSection } from './canned/canned-section.js';
import { ChatSection } from './chat/chat-section.js';
import { Login, type Session } from './login.js';
import { ReviewSection } from './review/review-section.js';
import { DocumentSearch } from './search/document-search.js';
import { OperationsSection } from './admin/operations-section.js';
import { AdministrationSection } from './admin/administration-section.js';
import { StatisticsSection } from './statistics/statistics-section.js';
import { KnowledgeSection } from './knowledge/knowledge-section.js';
import { MembersSection } from './members/members-section.js';
import { ChangePassword } from './change-password.js';
import { navigate, useRoute } from './route.js';
import { RoleContext } from './tracking-id-link.js';
import { ROLE_LABELS, sectionsFor } from './sections.js';

export function App() {
  const [session, setSession] = useState<Session | null | 'loading'>('loading');
  const route = useRoute();

  // A section opened from the navigation takes the focus to its heading: a screen reader says
  // where the person is now, and Enter and the section's shortcuts work there, not on the link.
  useEffect(() => {
    const heading = document.querySelector<HTMLElement>('main h1');
    if (!route.section || !heading) return;
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }, [route.section]);

  useEffect(() => {
    api<Session>('GET', '/api/auth/me')
      .then(setSession)
      .catch(() => setSession(null));
    const ended = () => setSession(null);
    window.addEventListener(SESSION_ENDED, ended);
    return () => window.removeEventListener(SESSION_ENDED, ended);
  }, []);

  if (session === 'loading')
    return (
      <p class="loading" role="status">
        Konsole wird geladen …
      </p>
    );
  if (!session) {
    return (
      <Login
        onLogin={(s) => {
          setCsrfToken(s.csrfToken);
          setSession(s);
        }}
      />
    );
  }
  setCsrfToken(session.csrfToken);

  async function logout() {
    await api('POST', '/api/auth/logout').catch(() => undefined);
    setSession(null);
    navigate('');
  }

  if (session.user.mustChangePassword) return <ChangePassword onChanged={setSession} onLogout={logout} />;

  const sections = sectionsFor(session.user.role);
  const active = sections.find((s) => s.id === route.section) ?? sections[0]!;

  return (
    <RoleContext.Provider value={session.user.role}>
      <div class="shell">
        <header class="topbar">
          <span class="brand">Musterkasse · Konsole</span>
          <nav aria-label="Bereiche">
            {sections.map((s) => (
              <a key={s.id} href={`#/${s.id}`} aria-current={s.id === active.id ? 'page' : undefined}>
                {s.label}
              </a>
            ))}
            {session.user.role === 'admin' && <a href="/admin/queues">Warteschlangen (Betrieb)</a>}
          </nav>
          <span class="who">
            {session.user.displayName} · {ROLE_LABELS[session.user.role]}
          </span>
          <button type="button" class="link" onClick={logout}>
            Abmelden
          </button>
        </header>
        <main class="content" id="main">
          {/* The live chat stays connected in the other sections: the agent stays present and sees new chats arrive. */}
          {sections.some((s) => s.id === 'chat') && (
            <div hidden={active.id !== 'chat'}>
              <ChatSection self={session.user.displayName} initialStatus={session.user.role === 'admin' ? 'away' : 'available'} />
            </div>
          )}
          {active.id === 'callbacks' && <CallbacksSection />}
          {active.id === 'review' && <ReviewSection documentId={route.section === 'review' ? route.id : undefined} />}
          {active.id === 'search' && <DocumentSearch trackingId={route.section === 'search' ? route.id : undefined} />}
          {active.id === 'canned' && <CannedSection />}
          {active.id === 'knowledge' && <KnowledgeSection />}
          {active.id === 'members' && <MembersSection />}
          {active.id === 'statistics' && <StatisticsSection />}
          {active.id === 'administration' && <AdministrationSection selfId={session.user.id} />}
          {active.id === 'operations' && <OperationsSection />}
        </main>
      </div>
    </RoleContext.Provider>
  );
}
