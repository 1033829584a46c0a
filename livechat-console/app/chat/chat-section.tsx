/** The agents' section. The live-chat queue arrives with the handoff (socket.io); until then it says so plainly. */
export function ChatSection() {
  return (
    <section aria-labelledby="chat-title" class="card">
      <h1 id="chat-title">Live-Chat</h1>
      <p>Die Übergabe von Gesprächen an Mitarbeitende ist in dieser Version noch nicht freigeschaltet. Mitglieder erhalten bis dahin das Angebot eines Rückrufs.</p>
    </section>
  );
}
