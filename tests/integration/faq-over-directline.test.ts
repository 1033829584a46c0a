import assert from 'node:assert/strict';
import type { Activity } from '../../domain/chat/activity.js';
import { DirectLineTestClient } from '../helpers/directline-client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * The seed documents' questions, as members rephrase them, asked through the Direct Line API:
 * the bot's reply must carry the facts of the Musterkasse answer (numbers, periods, steps).
 */
const CASES: Array<{ ask: string; facts: RegExp[] }> = [
  { ask: 'Welches Handy brauche ich eigentlich für eure App?', facts: [/iOS ab Version 13\.0/, /Android ab Version 8\.0/] },
  { ask: 'In welchem Format und wie groß dürfen meine Unterlagen sein?', facts: [/15 Seiten/, /800 kB/] },
  { ask: 'Woher weiß ich, dass mein Dokument bei euch angekommen ist?', facts: [/Tracking-ID/, /nur einmal/] },
  { ask: 'Ich habe keine Tracking-ID bekommen, was heißt das?', facts: [/nicht bei uns angekommen/, /noch einmal/] },
  { ask: 'Braucht ihr den Beleg noch im Original?', facts: [/Original brauchen wir nicht/, /zwei Monate/] },
  { ask: 'Wie lange muss ich das Original aufheben?', facts: [/zwei Monate/] },
  { ask: 'Wie lange gilt die Einmal-PIN aus eurem Brief?', facts: [/31 Tage nach dem Briefdatum/, /gespeichert/] },
  { ask: 'Welche Daten brauche ich für die Anmeldung mit der Einmal-PIN?', facts: [/Krankenversichertennummer/, /letzten sechs Ziffern/] },
  { ask: 'Wie lange ist die digitale Gesundheitskarte gültig?', facts: [/14 Tage/, /viermal im Jahr/] },
  { ask: 'Was passiert bei einem Handywechsel mit der App?', facts: [/neue Identifizierung/] },
  { ask: 'Wieso kann ich euch meine Unterlagen nicht einfach mailen?', facts: [/unverschlüsselt/] },
  { ask: 'Wohin wird eine Bescheinigung für meine Tochter geschickt?', facts: [/per Post/, /Adresse/] },
  { ask: 'Warum sehe ich die Bescheinigung meines Sohnes nicht in der App?', facts: [/Datenschutz/, /per Post/] },
  { ask: 'Kann ich aus der Service-App heraus drucken?', facts: [/Drucker/] },
  { ask: 'Wo finde ich eure Formulare und Broschüren?', facts: [/Downloadcenter/] },
  // What members of any statutory insurer commonly ask.
  { ask: 'Wie viel muss ich in der Apotheke für ein Medikament zuzahlen?', facts: [/mindestens 5 Euro/, /höchstens 10 Euro/, /2 %/] },
  { ask: 'Was zahlt ihr bei einer neuen Zahnkrone dazu?', facts: [/60 %/, /Heil- und Kostenplan/] },
  { ask: 'Ich will zu euch wechseln, muss ich bei meiner alten Kasse kündigen?', facts: [/Kündigung/, /12 Monate/] },
  { ask: 'Wie komme ich an einen Pflegegrad für meine Oma?', facts: [/Medizinische Dienst/, /25 Arbeitstagen/] },
  // How long, not only from when (§ 48 SGB V), and how much (§ 47).
  { ask: 'Wie lange bekomme ich Krankengeld?', facts: [/78 Wochen innerhalb von drei Jahren/, /70 %/] },
  // The expert review's findings (issue 20), each answer's key figures.
  {
    ask: 'Wie viele Tage Kinderkrankengeld bekomme ich?',
    facts: [/15 Arbeitstage/, /höchstens \*\*35\*\*/, /\*\*30 Arbeitstage\*\*/, /\*\*70\*\*/],
  },
  {
    ask: 'Muss ich meinem Arbeitgeber Bescheid sagen, wenn ich die Krankenkasse wechsle?',
    facts: [/Ihrem Arbeitgeber sagen Sie selbst/, /neuen Stelle/, /bis zu \*\*drei Jahre\*\*/],
  },
  { ask: 'Wie beantrage ich eine Psychotherapie?', facts: [/PTV 1/, /\*\*Sie selbst\*\*/, /Konsiliarbericht/, /Akutbehandlung/] },
  {
    ask: 'Gilt meine Gesundheitskarte auch im Urlaub in der Türkei?',
    facts: [
      /Vereinigten Königreich/,
      /Nordmazedonien/,
      /Serbien und Montenegro\*\* tauschen Sie/,
      /Türkei, Tunesien, Bosnien/,
      /keinen gesetzlichen Schutz/,
    ],
  },
  { ask: 'Wie lange ist der Mutterschutz nach einer Frühgeburt?', facts: [/\*\*12 Wochen\*\*/, /13\. Schwangerschaftswoche/] },
  {
    ask: 'Ab wie vielen Dioptrien gibt es Zuschuss zur Brille?',
    facts: [/mehr als 6 Dioptrien/, /mehr als 4 Dioptrien/, /Therapeutische Sehhilfen/],
  },
  {
    ask: 'Welches Einkommen zählt für die Befreiung von Zuzahlungen?',
    facts: [/Bruttoeinnahmen aller Angehörigen im Haushalt/, /Freibeträge/, /schwerwiegend chronisch krank/],
  },
  {
    ask: 'Ab wann gibt es Leistungen, wenn ich einen Pflegegrad beantrage?',
    facts: [/ab dem Tag des Antrags/, /Pflegegrad 1\*\* bringt noch kein Pflegegeld/],
  },
  { ask: 'Wie hoch ist die Beitragsbemessungsgrenze?', facts: [/5\.812,50 Euro/, /3,6 %/, /Zuschuss in Höhe der Hälfte/] },
  { ask: 'Wie kann ich ein E-Rezept einlösen?', facts: [/vier Möglichkeiten/, /CardLink/] },
  { ask: 'Was zahlt ihr beim Zahnersatz?', facts: [/welchen Festzuschuss wir übernehmen/, /\*\*elektronisch\*\*/, /70 %\*\* \(5 Jahre\)/] },
  // The independent re-review's findings (issue 20).
  {
    ask: 'Ich habe eine Krankmeldung auf Papier aus dem Urlaub, was muss ich tun?',
    facts: [/innerhalb von einer Woche/, /ruht Ihr Krankengeld/],
  },
  {
    ask: 'Kann ich sofort wechseln, wenn meine Kasse den Zusatzbeitrag erhöht?',
    facts: [/Sonderkündigungsrecht/, /Ende des übernächsten Monats wirksam/],
  },
  { ask: 'Was kostet mich ein Hörgerät?', facts: [/10 Euro je Gerät/] },
  { ask: 'Wie hoch ist mein Krankenkassenbeitrag als Angestellter?', facts: [/Zuschlag für Kinderlose allein/, /14,6 %/] },
  {
    ask: 'Wie viel darf mein Mann verdienen, um familienversichert zu sein?',
    facts: [/565 Euro im Monat/, /603 Euro/, /\*\*alle\*\* Voraussetzungen/],
  },
  { ask: 'Wo finde ich die Tracking-ID?', facts: [/Hier im Chat/, /Krankenversichertennummer/] },
  { ask: 'Sind meine Daten in der App sicher?', facts: [/auch nicht hier im Chat/, /Einmal-PIN/] },
];

describe('FAQ answers through the Direct Line API', function () {
  this.timeout(60_000);
  let server: TestServer;
  let dl: DirectLineTestClient;
  before(async () => {
    server = await startTestServer({ env: { CHAT_MESSAGES_PER_MINUTE: '1000' } });
    dl = new DirectLineTestClient(server.baseUrl);
  });
  after(() => server.stop());

  it('answers each rephrased seed question with the right facts', async () => {
    const failures: string[] = [];
    for (const { ask, facts } of CASES) {
      const { conversationId, token } = await dl.startConversation();
      const posted = await dl.send(conversationId, token, { type: 'message', text: ask });
      const reply: Activity = await dl.waitFor(conversationId, token, (a) => a.replyToId === posted.body.id && a.type === 'message');
      const missing = facts.filter((fact) => !fact.test(reply.text ?? ''));
      if (missing.length > 0) failures.push(`"${ask}" → missing ${missing.join(', ')} in: ${(reply.text ?? '').slice(0, 120)}`);
    }
    assert.deepEqual(failures, []);
  });
});
