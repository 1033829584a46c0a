import assert from 'node:assert/strict';
import { readPhoneNumber } from '../../domain/service-requests/callback-details.js';
import { MAX_FAILED_LOOKUPS } from '../../bot/dialogs/status.dialog.js';
import { CALLBACK, CERTIFICATE, HANDOFF, STATUS, MENU, TEXTS } from '../../domain/member-texts.de.js';
import { parseConfig } from '../../server/config/index.js';
import { OpeningHours } from '../../domain/livechat/opening-hours.js';
import { AgentPresence } from '../../domain/livechat/agent-presence.js';
import { LiveChatQueue } from '../../domain/livechat/livechat-queue.js';
import { LiveChatService } from '../../domain/livechat/live-chat.service.js';
import { MembersRepository } from '../../domain/members/members.repository.js';
import { ServiceRequestsRepository } from '../../domain/service-requests/service-requests.repository.js';
import { newTrackingId } from '../../domain/submissions/tracking-id.js';
import type { Core } from '../../server/container.js';
import { DialogMember, last } from '../helpers/dialog-member.js';
import { makePdf } from '../helpers/files.js';
import { randomKvnr, withWrongCheckDigit } from '../helpers/members.js';
import { startTestCore } from '../helpers/system.js';

/** Callback, certificate and status dialogs through botbuilder-testing, state and records in PostgreSQL. */
describe('callback, certificate and status dialogs (botbuilder-testing)', () => {
  let core: Core;
  let requests: ServiceRequestsRepository;
  // Thursday 26 November 2026, 15:30 in Berlin.
  const now = () => ({ date: '2026-11-26', hour: 15 });
  const clock = () => new Date('2026-11-26T14:30:00Z');

  before(async () => {
    core = await startTestCore();
    requests = new ServiceRequestsRepository(core.database.db);
  });
  after(() => core.close());

  const member = () => new DialogMember(core, { callback: { desk: requests, now, clock } });
  const reference = (text: string, prefix: string) =>
    new RegExp(`\\*\\*(${prefix}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\\*\\*`).exec(text)?.[1];

  describe('asking for a person', () => {
    // The real live chat with nobody present in the console: closed or busy, never open.
    const at = (instant: string) => {
      const liveChat = new LiveChatService(
        new LiveChatQueue(core.database.db),
        new AgentPresence(core.redis.command, core.config.redis.prefix),
        new OpeningHours(parseConfig({}).livechat.openingHours, 'Europe/Berlin'),
        () => new Date(instant),
        3,
      );
      return new DialogMember(core, { callback: { desk: requests, now, clock: () => new Date(instant) }, liveChat });
    };

    it('outside the service hours says when people are there and offers a callback, which starts the callback dialog', async () => {
      const m = at('2026-11-28T10:00:00Z'); // Saturday
      const offer = (await m.replies(MENU.person)).at(-1)!;
      assert.equal(offer.text, HANDOFF.closed('Mo–Fr 8–18 Uhr'));
      assert.deepEqual(
        offer.suggestedActions?.actions.map((a) => a.title),
        [HANDOFF.offerCallback, HANDOFF.decline],
      );
      assert.equal(last(await m.say('vielleicht')), HANDOFF.retry);
      assert.equal(last(await m.say(HANDOFF.offerCallback)), CALLBACK.topic);
    });

    it('on a holiday is closed as well; "Mitarbeiter" in free text asks for a person; declining returns to questions', async () => {
      const m = at('2026-12-25T10:00:00Z');
      assert.equal(last(await m.say('Ich möchte mit einem Mitarbeiter sprechen')), HANDOFF.closed('Mo–Fr 8–18 Uhr'));
      assert.equal(last(await m.say(HANDOFF.decline)), HANDOFF.declined);
      assert.notEqual(last(await m.say('Wie lange muss ich Originale aufbewahren?')), HANDOFF.declined, 'questions are answered again');
    });

    it('within the service hours, with no agent free, says so and offers a callback', async () => {
      const m = at('2026-11-26T10:00:00Z'); // Thursday 11:00 in Berlin
      assert.equal(last(await m.say(MENU.person)), HANDOFF.busy);
    });

    it('sends a topic from LIVECHAT_PERSON_TOPICS to a person at once, even one the knowledge base knows', async () => {
      const m = at('2026-11-28T10:00:00Z');
      assert.deepEqual(await m.say('Ich möchte Widerspruch gegen den Bescheid einlegen'), [
        TEXTS.personTopic,
        HANDOFF.closed('Mo–Fr 8–18 Uhr'),
      ]);
      assert.equal(last(await m.say(HANDOFF.decline)), HANDOFF.declined);
      assert.notEqual(
        last(await m.say('Wie lange muss ich Originale aufbewahren?')),
        TEXTS.personTopic,
        'other questions are answered as usual',
      );
    });

    it('offers a person when one question got no usable answer three times in a row; stuck at the phone number, our number instead of a callback', async () => {
      const m = at('2026-11-26T10:00:00Z'); // Thursday 11:00, nobody in the console
      await m.say(MENU.callback);
      await m.say('Krankengeld');
      assert.equal(last(await m.say('Anna Beispiel')), CALLBACK.phone);
      assert.equal(last(await m.say('keine')), CALLBACK.phoneInvalid);
      assert.equal(last(await m.say('weiß nicht')), CALLBACK.phoneInvalid);
      const stuck = await m.replies('12');
      assert.deepEqual(
        stuck.map((a) => a.text),
        [TEXTS.stuckInDialog, HANDOFF.unavailableCallUs('Mo–Fr 8–18 Uhr')],
        'no third retry, no promise of a person, no callback that would ask for the number again',
      );
      assert.equal(stuck.at(-1)?.suggestedActions, undefined);
      assert.match(last(await m.say('Wie lange gilt die Einmal-PIN?')), /31 Tage/, 'questions are answered again');
    });

    it('stuck elsewhere, offers the callback, which asks for everything; stuck at that offer, gives our number and the menu', async () => {
      const m = at('2026-11-26T10:00:00Z');
      await m.say('Ich möchte eine Versicherungsbescheinigung');
      for (const answer of ['weiß nicht', 'keine Ahnung']) await m.say(answer);
      assert.deepEqual((await m.say('egal')).slice(-2), [TEXTS.stuckInDialog, HANDOFF.busy]);
      assert.equal(last(await m.say(HANDOFF.offerCallback)), CALLBACK.topic);

      const other = at('2026-11-26T10:00:00Z');
      await other.say('Ich möchte eine Versicherungsbescheinigung');
      for (const answer of ['weiß nicht', 'keine Ahnung', 'egal']) await other.say(answer);
      for (const answer of ['vielleicht', 'hm']) assert.equal(last(await other.say(answer)), HANDOFF.retry);
      const stuck = (await other.replies('was?')).at(-1);
      assert.equal(stuck?.text, TEXTS.stuckInOffer);
      assert.ok((stuck?.suggestedActions?.actions.length ?? 0) > 0, 'the menu');
      assert.match(last(await other.say('Wie lange gilt die Einmal-PIN?')), /31 Tage/);
    });
  });

  describe('callback request', () => {
    it('reads German phone numbers and refuses what cannot be called', () => {
      assert.equal(readPhoneNumber('030 1234567'), '+49301234567');
      assert.equal(readPhoneNumber('0171/1234567'), '+491711234567');
      assert.equal(readPhoneNumber('+49 (0) 171 5556667'), '+491715556667');
      assert.equal(readPhoneNumber('0049 30 1234567'), '+49301234567');
      // The callback desk dials German numbers; a number without its area code cannot be dialled.
      for (const bad of ['12', 'keine', '0000 000', '030', '12345', '+43 1 5121234']) assert.equal(readPhoneNumber(bad), undefined, bad);
    });

    it('books topic, name, number, a working day and a window in service hours, with consent', async () => {
      const m = member();
      assert.equal(last(await m.say('Rückruf anfordern')), CALLBACK.topic);
      assert.equal(last(await m.say('Krankengeld')), CALLBACK.name);
      assert.equal(last(await m.say('Anna Beispiel')), CALLBACK.phone);
      assert.equal(last(await m.say('12')), CALLBACK.phoneInvalid);
      const days = await m.replies('0171 1234567');
      assert.equal(days.at(-1)?.text, CALLBACK.day);
      // Thursday 15:30: today still has 16–18; the weekend is skipped.
      assert.deepEqual(
        days.at(-1)?.suggestedActions?.actions.map((a) => a.title),
        ['Do, 26.11.', 'Fr, 27.11.', 'Mo, 30.11.', 'Di, 01.12.', 'Mi, 02.12.'],
      );
      assert.equal(last(await m.say('Sa, 28.11.')), CALLBACK.dayRetry);
      const windows = await m.replies('Do, 26.11.');
      assert.deepEqual(
        windows.at(-1)?.suggestedActions?.actions.map((a) => a.title),
        ['16–18 Uhr'],
      );
      assert.equal(last(await m.say('8–10 Uhr')), CALLBACK.windowRetry);
      assert.match(last(await m.say('16–18 Uhr')), /Dürfen wir Sie unter \+49 171 1234567 am Do, 26\.11\. zwischen 16 und 18 Uhr anrufen/);
      const booked = last(await m.say(CALLBACK.consentYes));
      assert.match(booked, /Wir rufen Sie am Do, 26\.11\. zwischen 16 und 18 Uhr an/);
      const stored = await requests.findCallback(reference(booked, 'RR')!);
      assert.deepEqual(
        {
          topic: stored?.topic,
          name: stored?.name,
          phone: stored?.phone,
          date: stored?.preferredDate,
          window: stored?.timeWindow,
          status: stored?.status,
        },
        { topic: 'Krankengeld', name: 'Anna Beispiel', phone: '+491711234567', date: '2026-11-26', window: '16-18', status: 'open' },
      );
      assert.deepEqual(stored?.consentAt, clock());
    });

    it('answers the question about callbacks with a button that books one, and takes a phone number as the answer to its offer', async () => {
      const answer = (await member().replies('Kann ich einen Rückruf der Musterkasse vereinbaren?')).at(-1);
      assert.match(answer?.text ?? '', /Ich frage Sie nacheinander/);
      assert.equal(answer?.suggestedActions?.actions[0]?.title, MENU.callback);
      const m = member();
      await m.say('Kann ich einen Rückruf der Musterkasse vereinbaren?');
      assert.equal(last(await m.say('0171 1234567, Montag vormittag, Thema Pflegegrad')), CALLBACK.topic, 'the booking starts');
      await m.say('Pflegegrad');
      assert.match(
        last(await m.say('Anna Beispiel')),
        /^Zu welcher Zeit am Mo, 30\.11\.\?/,
        'number and day from the message are not asked again',
      );
    });

    it('books nothing without consent, and is started by a wish in free text', async () => {
      const m = member();
      assert.equal(last(await m.say('Ich hätte gern einen Rückruf')), CALLBACK.topic);
      await m.say('Sonstiges');
      await m.say('Karl Muster');
      await m.say('040 123456');
      await m.say('Fr, 27.11.');
      await m.say('8–10 Uhr');
      assert.equal(last(await m.say(CALLBACK.consentNo)), CALLBACK.declined);
      assert.equal((await requests.listCallbacks(['open'], Number.MAX_SAFE_INTEGER)).filter((c) => c.name === 'Karl Muster').length, 0);
    });

    it('is started by a callback request in any wording, and takes the number, day and window the message gives', async () => {
      for (const wish of ['Können Sie mich bitte zurückrufen?', 'Ruft mich mal an', 'Bitte um Rückruf', 'Could you call me back?'])
        assert.equal(last(await member().say(wish)), CALLBACK.topic, wish);
      const m = member();
      // Thursday 26 Nov, 15:30: "morgen" is Friday 27 Nov, 10–12 is offered then.
      assert.equal(last(await m.say('Ruft mich morgen zwischen 10 und 12 unter 0171 2345678 an')), CALLBACK.topic);
      assert.equal(last(await m.say('Krankengeld')), CALLBACK.name);
      assert.match(
        last(await m.say('Anna Beispiel')),
        /Dürfen wir Sie unter \+49 171 2345678 am Fr, 27\.11\. zwischen 10 und 12 Uhr anrufen/,
        'number, day and window are not asked again',
      );
      const booked = last(await m.say(CALLBACK.consentYes));
      const stored = await requests.findCallback(reference(booked, 'RR')!);
      assert.deepEqual([stored?.phone, stored?.preferredDate, stored?.timeWindow], ['+491712345678', '2026-11-27', '10-12']);
    });

    it('takes "morgen" and a weekday as the day, and refuses "12345" as a number', async () => {
      const m = member();
      await m.say('Rückruf anfordern');
      await m.say('Krankengeld');
      await m.say('Anna Beispiel');
      assert.equal(last(await m.say('12345')), CALLBACK.phoneInvalid);
      assert.equal(last(await m.say('0171 1234567')), CALLBACK.day);
      assert.equal(last(await m.say('morgen')), CALLBACK.window('Fr, 27.11.'));
      const other = member();
      for (const answer of ['Rückruf anfordern', 'Krankengeld', 'Anna Beispiel', '030 1234567']) await other.say(answer);
      assert.equal(last(await other.say('am Montag')), CALLBACK.window('Mo, 30.11.'));
      const weekend = member();
      for (const answer of ['Rückruf anfordern', 'Krankengeld', 'Anna Beispiel', '030 1234567']) await weekend.say(answer);
      assert.equal(last(await weekend.say('Samstag')), CALLBACK.dayRetry, 'a day without callbacks is not taken');
    });

    it('answers "hilfe" and "abbrechen" at every step', async () => {
      const steps = ['Rückruf anfordern', 'Krankengeld', 'Anna Beispiel', '0171 1234567', 'Fr, 27.11.', '10–12 Uhr'];
      for (let depth = 1; depth <= steps.length; depth++) {
        const m = member();
        let question = '';
        for (const answer of steps.slice(0, depth)) question = last(await m.say(answer));
        const help = await m.say('hilfe');
        assert.equal(help[0], TEXTS.helpInDialog);
        assert.equal(last(help), question, `asked again after "${steps[depth - 1]}"`);
        assert.equal(last(await m.say('abbrechen')), TEXTS.cancelled);
      }
    });
  });

  describe('certificate request', () => {
    // A family of three (invented for this test): Ida insures Jan; Kai is insured on his own.
    const ida = { kvnr: randomKvnr(), birthDate: '1984-03-12', typed: '12.03.1984' };
    const jan = randomKvnr();
    const kai = randomKvnr();
    before(async () => {
      const person = (kvnr: string, firstName: string, birthDate: string, familyOf: string | null) => ({
        kvnr,
        firstName,
        lastName: 'Zertifikattest',
        birthDate,
        street: 'Weg 1',
        postalCode: '10115',
        city: 'Berlin',
        cardNumberLast6: '111111',
        familyOf,
      });
      await new MembersRepository(core.database.db).upsert([
        person(ida.kvnr, 'Ida', ida.birthDate, null),
        person(jan, 'Jan', '2015-05-21', ida.kvnr),
        person(kai, 'Kai', '1984-03-12', null),
      ]);
    });

    /** Walks the dialog; the bot's last reply to the last answer. */
    async function request(answers: string[]): Promise<string> {
      const m = member();
      assert.equal(last(await m.say('Ich brauche eine Versicherungsbescheinigung')), CERTIFICATE.whose);
      let reply = '';
      for (const answer of answers) reply = last(await m.say(answer));
      return reply;
    }

    it('records a certificate for a member who gives KVNR and birth date, and never shows it in the chat', async () => {
      const m = member();
      assert.equal(last(await m.say('Ich brauche eine Versicherungsbescheinigung')), CERTIFICATE.whose);
      assert.equal(last(await m.say(CERTIFICATE.forSelf)), CERTIFICATE.kvnrSelf);
      assert.match(last(await m.say(withWrongCheckDigit(ida.kvnr))), /Prüfziffer/);
      assert.equal(last(await m.say(ida.kvnr)), CERTIFICATE.birthDate);
      assert.equal(last(await m.say('März 84')), CERTIFICATE.birthDateInvalid);
      const done = last(await m.say(ida.typed));
      assert.match(done, /per Post an die Adresse, die wir zu dieser Krankenversichertennummer gespeichert haben/);
      assert.doesNotMatch(done, /Ihre bei uns hinterlegte Adresse/, 'no promise about whose address it is');
      assert.ok(!/Weg 1|Berlin|Zertifikattest/.test(done), 'no address or name in the chat');
      const stored = await requests.findCertificate(reference(done, 'VB')!);
      assert.deepEqual([stored?.kvnr, stored?.forOther, stored?.status], [ida.kvnr, false, 'recorded']);
    });

    it("records one for a family member, to that person's address", async () => {
      const done = await request([CERTIFICATE.forOther, ida.kvnr, ida.typed, jan]);
      assert.match(done, /Adresse dieser Person/);
      const stored = await requests.findCertificate(reference(done, 'VB')!);
      assert.deepEqual([stored?.kvnr, stored?.forOther], [jan, true]);
    });

    it('records nothing for a KVNR of nobody, a wrong birth date or a person outside the family, with one answer for all', async () => {
      const refusals = [
        await request([CERTIFICATE.forSelf, randomKvnr(), ida.typed]),
        await request([CERTIFICATE.forSelf, ida.kvnr, '13.03.1984']),
        await request([CERTIFICATE.forOther, ida.kvnr, ida.typed, kai]),
        await request([CERTIFICATE.forOther, ida.kvnr, ida.typed, randomKvnr()]),
        await request([CERTIFICATE.forOther, kai, ida.typed, jan]),
      ];
      assert.deepEqual(
        refusals,
        refusals.map(() => CERTIFICATE.notEligible),
      );
      assert.equal(
        refusals.some((r) => reference(r, 'VB')),
        false,
      );
    });
  });

  it('answers "hilfe" and "abbrechen" at every step of the certificate, status and Einmal-PIN dialogs', async () => {
    const walks = [
      ['Ich brauche eine Versicherungsbescheinigung', CERTIFICATE.forOther, 'A123456780', '12.03.1984'],
      ['Status abfragen', newTrackingId()],
      ['Einmal-PIN', 'A123456780', '123456'],
    ];
    for (const steps of walks) {
      for (let depth = 1; depth <= steps.length; depth++) {
        const m = member();
        let question = '';
        for (const answer of steps.slice(0, depth)) question = last(await m.say(answer));
        const help = await m.say('hilfe');
        assert.equal(help[0], TEXTS.helpInDialog, `help after "${steps[depth - 1]}"`);
        assert.equal(last(help), question, `asked again after "${steps[depth - 1]}"`);
        assert.equal(last(await m.say('abbrechen')), TEXTS.cancelled);
      }
    }
  });

  describe('status by tracking ID', () => {
    async function submission(kvnr: string): Promise<string> {
      await core.submissions.addFile(`status-test:${kvnr}`, makePdf(), 'a.pdf');
      const { trackingId } = await core.submissions.submit(`status-test:${kvnr}`, {
        source: 'chat',
        kvnr,
        declaredType: 'bonus',
        details: {},
        note: null,
        conversationId: null,
      });
      return trackingId;
    }

    it('tells the state to whoever gives the tracking ID and the KVNR it was filed under, and nothing else', async () => {
      const kvnr = randomKvnr();
      const trackingId = await submission(kvnr);
      const m = member();
      assert.equal(last(await m.say(`Wie ist der Stand von ${trackingId.toLowerCase()}?`)), STATUS.kvnr, 'the ID in the message is taken');
      assert.equal(last(await m.say(kvnr)), STATUS.found(trackingId, STATUS.states.received));

      const other = member();
      await other.say(trackingId);
      assert.equal(last(await other.say(randomKvnr())), STATUS.notFound, 'a wrong KVNR learns nothing');
    });

    it('explains a mistyped tracking ID, and stops answering after repeated misses', async () => {
      const m = member();
      assert.equal(last(await m.say('Ich möchte den Bearbeitungsstand meiner Sendung wissen')), STATUS.trackingId);
      const trackingId = await submission(randomKvnr());
      const typo = `${trackingId.slice(0, -1)}${trackingId.endsWith('0') ? '1' : '0'}`;
      assert.equal(last(await m.say(typo)), STATUS.trackingIdInvalid);
      assert.equal(last(await m.say(trackingId)), STATUS.kvnr);
      assert.equal(last(await m.say(randomKvnr())), STATUS.notFound);
      for (let i = 1; i < MAX_FAILED_LOOKUPS; i++) {
        await m.say(trackingId);
        await m.say(randomKvnr());
      }
      assert.equal(last(await m.say(trackingId)), STATUS.tooManyAttempts);
    });
  });
});
