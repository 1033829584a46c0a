import type { Core } from './container.js';

/**
 * On an installation without any staff account, makes the first admin and prints the one-time
 * password to the terminal, once: the only place it ever appears (not the log). The first login
 * must change it.
 */
export async function announceFirstAdmin(core: Core, write: (text: string) => void = (text) => process.stdout.write(text)): Promise<void> {
  const first = await core.staffUsers.createFirstAdmin();
  if (!first) return;
  const line = '─'.repeat(72);
  write(
    [
      line,
      '  Erster Start: Konto für die Administration angelegt',
      `  Konsole:    ${core.config.http.publicUrl}/console`,
      `  Benutzer:   ${first.username}`,
      `  Passwort:   ${first.password}`,
      '  Das Passwort wird nur jetzt angezeigt und muss bei der ersten Anmeldung geändert werden.',
      line,
      '',
    ].join('\n'),
  );
  core.logger.warn({ username: first.username }, 'First admin account created; its one-time password was printed to the terminal');
}
