import { useEffect, useRef } from 'preact/hooks';
import type { ChatLine } from '../../socket/events.js';
import { ConfirmButton } from '../confirm-button.js';
import { Markdown } from '../markdown.js';
import { ChatSidebar } from './chat-sidebar.js';
import { Compose } from './compose.js';
import { Transfer } from './transfer.js';
import type { ChatView, LiveChat } from './use-live-chat.js';

const AUTHORS: Record<ChatLine['from'], string> = { member: 'Mitglied', bot: 'Chatbot', agent: 'Sie' };

function timeOf(iso: string): string {
  return new Date(iso).toLocaleTimeString('de-DE', { hour: '2-digit', minute: '2-digit' });
}

/** Whether the member's chat window has shown an agent's line. */
function readState(line: ChatLine, memberReadAt: string | null): string {
  return memberReadAt && memberReadAt >= line.timestamp ? 'gelesen' : 'zugestellt';
}

interface Props {
  chat: ChatView;
  live: LiveChat;
  self: string;
}

/** One running chat: the transcript with read state, the message box, and what the bot collected. */
export function ChatPane({ chat, live, self }: Props) {
  const transcript = useRef<HTMLOListElement | null>(null);
  // The newest line in view, without scrolling the page itself.
  useEffect(() => {
    if (transcript.current) transcript.current.scrollTop = transcript.current.scrollHeight;
  }, [chat.lines.length]);

  return (
    <div class="chat-pane">
      <div class="chat-main">
        <div class="section-head">
          <h2>
            {chat.details?.name ? `Gespräch mit ${chat.details.name.text}` : 'Gespräch'}
            <span class="muted small"> · {chat.topic}</span>
          </h2>
          <div class="actions">
            <Transfer
              sessionId={chat.sessionId}
              colleagues={live.colleagues}
              transfer={(agentId) => live.transfer(chat.sessionId, agentId)}
            />
            <button type="button" onClick={() => live.close(chat.sessionId, 'handed_back')}>
              An Chatbot zurückgeben
            </button>
            <ConfirmButton
              label="Chat beenden"
              question="Chat für beide Seiten beenden?"
              confirmLabel="Ja, beenden"
              onConfirm={() => live.close(chat.sessionId, 'ended')}
            />
          </div>
        </div>
        <ol class="plain transcript" aria-live="polite" aria-label="Verlauf" tabIndex={0} ref={transcript}>
          {chat.lines.map((l) => (
            <li key={l.id} class={`line ${l.from}`}>
              <span class="author">{l.from === 'agent' && l.name && l.name !== self ? l.name : AUTHORS[l.from]}</span>{' '}
              {/* The member's words as typed; the bot's and agents' lines as the member sees them, formatted. */}
              {l.from === 'member' ? <span class="text">{l.text}</span> : <Markdown text={l.text} class="md text" />}
              <span class="muted small line-time">
                {timeOf(l.timestamp)}
                {l.from === 'agent' && ` · ${readState(l, chat.memberReadAt)}`}
              </span>
            </li>
          ))}
        </ol>
        <p class="muted typing" aria-live="polite">
          {chat.memberTyping ? 'Das Mitglied schreibt …' : ''}
        </p>
        <Compose sessionId={chat.sessionId} send={(text) => live.send(chat.sessionId, text)} typing={() => live.typing(chat.sessionId)} />
      </div>
      <ChatSidebar chat={chat} addNote={(text) => live.note(chat.sessionId, text)} />
    </div>
  );
}
