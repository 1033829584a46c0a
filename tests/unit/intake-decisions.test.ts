import { kvnrCheckDigit } from '../../domain/members/kvnr.js';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { MemberRecord } from '../../domain/members/members.repository.js';
import { assignMember, namedPerson, type AssignmentEvidence } from '../../intake-pipeline/assignment/assign.js';
import { WARNING_PREFIX } from '../../domain/documents/review.types.js';
import { findDates, findKvnrCandidates, kvnrValueLost } from '../../domain/documents/kvnr-candidates.js';
import { classifyPages, classifyText, isTermsPage } from '../../intake-pipeline/classification/classify.js';
import { shippedExamples, TypeModel } from '../../intake-pipeline/classification/type-model.js';

const member = (kvnr: string, firstName: string, lastName: string, birthDate: string): MemberRecord => ({
  kvnr,
  firstName,
  lastName,
  birthDate,
  street: 'Weg 1',
  postalCode: '12345',
  city: 'Ort',
  cardNumberLast6: '123456',
  familyOf: null,
  salutation: null,
  updatedAt: new Date(),
});
const ANNA = member('A123456780', 'Anna', 'Beispiel', '1984-03-12');
const KARL = member('K876543217', 'Karl', 'Muster', '1979-11-02');

function evidence(text: string, declaredKvnr: string | null = null, bornOn: MemberRecord[] = []): AssignmentEvidence {
  const candidates = findKvnrCandidates(text);
  return {
    text,
    candidates,
    members: new Map([ANNA, KARL].map((m) => [m.kvnr, m])),
    declaredKvnr,
    bornOnFoundDates: bornOn,
    dates: findDates(text),
  };
}

describe('intake decisions', () => {
  describe('KVNR candidates in OCR text', () => {
    it('undoes OCR confusions but keeps only numbers whose check digit holds', () => {
      assert.deepEqual(
        findKvnrCandidates('Vers.-Nr. A123456780 Kasse').map((c) => c.kvnr),
        ['A123456780'],
      );
      assert.deepEqual(
        findKvnrCandidates('Vers.-Nr. A12345678O').map((c) => [c.kvnr, c.corrected]),
        [['A123456780', true]],
      );
      assert.deepEqual(
        findKvnrCandidates('Versicherten-Nr.: K 87654321 7').map((c) => c.kvnr),
        ['K876543217'],
      );
      // With dashes, in lower case, and written into boxes that a text layer or OCR returns one group per line.
      for (const written of [
        'KV-Nr. A-12345678-0',
        'Vers.-Nr. a123456780',
        'Versichertennummer\n\nA 1 2\n\n3 4 5 6\n\n7 8\n\n0\n\nTelefon',
      ])
        assert.deepEqual(
          findKvnrCandidates(written).map((c) => [c.kvnr, c.corrected]),
          [['A123456780', false]],
          written,
        );
      // A "g" may be a 9 or an 8 with its loop closed: the check digit says which.
      assert.deepEqual(
        findKvnrCandidates('Vers.-Nr. Kg76543217').map((c) => [c.kvnr, c.corrected]),
        [['K876543217', true]],
      );
      assert.deepEqual(findKvnrCandidates('Nr. A123456789 (falsche Prüfziffer)'), []);
      assert.deepEqual(findKvnrCandidates('Telefon 0301234567, IBAN DE89370400440532013000'), []);
    });

    it('reads an S that OCR printed as $, and a number with a stray stroke in it', () => {
      const withCheck = (nine: string) => `${nine}${kvnrCheckDigit(nine)}`;
      const s = withCheck('S28199453');
      assert.deepEqual(
        findKvnrCandidates(`Mitgl.-Nr. $${s.slice(1)}`).map((c) => [c.kvnr, c.corrected]),
        [[s, true]],
      );
      const n = withCheck('N43839545');
      assert.deepEqual(
        findKvnrCandidates(`Vers.-Nr. ${n.slice(0, 2)}I${n.slice(2)}`).map((c) => [c.kvnr, c.corrected]),
        [[n, true]],
      );
      // Ten digits are not a KVNR with a stray stroke: no digit is ever dropped.
      assert.deepEqual(findKvnrCandidates(`Vers.-Nr. ${n.slice(0, 5)}7${n.slice(5)}`), []);
      fc.assert(
        fc.property(
          fc.stringMatching(/^[A-Z]\d{8}$/),
          fc.integer({ min: 1, max: 9 }),
          fc.constantFrom('I', 'l', '|'),
          (nine, at, stroke) => {
            const kvnr = withCheck(nine);
            const read = findKvnrCandidates(`KVNR ${kvnr.slice(0, at)}${stroke}${kvnr.slice(at)} `).map((c) => c.kvnr);
            assert.deepEqual(read, [kvnr]);
          },
        ),
      );
    });

    it('reads a labelled number whose letter OCR lost as each letter the check digit allows, marked as guessed', () => {
      fc.assert(
        fc.property(fc.stringMatching(/^\d{9}$/), (digits) => {
          const read = findKvnrCandidates(`Versichertennr. ${digits}\nRechnungs-Nr. 123`);
          assert.ok(read.length > 0 && read.every((c) => c.letterGuessed && c.corrected && c.kvnr.slice(1) === digits));
          assert.ok(read.every((c) => String(kvnrCheckDigit(c.kvnr.slice(0, 9))) === c.kvnr.slice(9)));
        }),
      );
      // Nine digits without a KVNR label (a Betriebsnummer, an IK) are nobody's number.
      assert.deepEqual(findKvnrCandidates('Betriebsnummer 806772669, IK 774569655'), []);
    });

    it('reads an S or a B that a fax turned into an 8; where both pass the check digit, both are guesses', () => {
      const withCheck = (nine: string) => `${nine}${kvnrCheckDigit(nine)}`;
      fc.assert(
        fc.property(fc.constantFrom('S', 'B'), fc.stringMatching(/^\d{8}$/), (letter, digits) => {
          const kvnr = withCheck(`${letter}${digits}`);
          const read = findKvnrCandidates(`Krankenversichertennummer 8${kvnr.slice(1)} N`);
          assert.ok(
            read.some((c) => c.kvnr === kvnr && c.corrected),
            JSON.stringify(read),
          );
          // The other letter too, when its check digit happens to hold: then neither reading is sure.
          const both = read.filter((c) => c.kvnr.slice(1) === kvnr.slice(1));
          if (both.length > 1) assert.ok(both.every((c) => c.letterGuessed));
          else assert.ok(!both[0]!.letterGuessed);
        }),
      );
    });

    it('assigns by a guessed letter only when exactly one of its readings is a member, and then as a corrected number', () => {
      const digits = '80677266';
      const readings = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ']
        .map((letter) => `${letter}${digits}`)
        .filter((nine) => /^[A-Z]\d{8}$/.test(nine))
        .map((nine) => `${nine}${kvnrCheckDigit(nine)}`);
      // Two letters whose check digits agree: the same nine digits are both their numbers.
      const byNumber = new Map<string, string[]>();
      for (const k of readings) byNumber.set(k.slice(1), [...(byNumber.get(k.slice(1)) ?? []), k]);
      const [shared, [first, second]] = [...byNumber].find(([, ks]) => ks.length >= 2) as [string, [string, string]];
      const emil = member(first, 'Emil', 'Schwarz', '2019-04-28');
      const other = member(second, 'Ella', 'Schwarz', '2016-03-10');
      const text = `Patient: Emil Schwarz, geb. 28.04.2019\nVersichertennr. ${shared}`;
      const alone = assignMember({ ...evidence(text), members: new Map([[emil.kvnr, emil]]) });
      assert.equal(alone.assignedKvnr, emil.kvnr);
      assert.doesNotMatch(alone.reasons.join(' '), /keiner versicherten Person zugeordnet/, 'the other readings are not mentioned');
      const both = assignMember({ ...evidence(text), members: new Map([emil, other].map((m) => [m.kvnr, m])) });
      assert.equal(both.assignedKvnr, null);
      // A guessed letter is a corrected number: the surname alone is not enough.
      const surnameOnly = assignMember({ ...evidence(`Schwarz\nVersichertennr. ${shared}`), members: new Map([[emil.kvnr, emil]]) });
      assert.equal(surnameOnly.assignedKvnr, null);
    });

    it("never reads a telephone number's leading 0 as the O of a KVNR, but does so behind a KVNR label", () => {
      // 0711941742 read as O711941742 passes the check digit.
      assert.deepEqual(findKvnrCandidates('Ahornweg 58 - 03046 Cottbus - Tel. 0711 941742 - Fax 0711 2151042'), []);
      assert.deepEqual(findKvnrCandidates('Telefon: 0711941742'), []);
      assert.deepEqual(
        findKvnrCandidates('Rechnungsempfänger: Holger Hofmann (Hauptversicherte/r, KV-Nr. 0711941742)').map((c) => c.kvnr),
        ['O711941742'],
      );
    });

    it('tells a page whose KVNR label was read without its number from one that has none or a wrong one', () => {
      assert.equal(kvnrValueLost('Krankenkasse Krankenversichertennummer Staatsangehörigkeit\nBeschäftigungsbeginn'), true);
      assert.equal(kvnrValueLost('Rechnung Nr. 2026-118\nBetrag 92,10 EUR'), false, 'no label');
      assert.equal(kvnrValueLost('Versicherten-Nr. A123456789'), false, 'a number there, its check digit wrong');
      assert.equal(kvnrValueLost('Versicherten-Nr. A123456780'), false, 'read');
    });

    it('reads German dates', () => {
      assert.deepEqual(findDates('geb. 12.03.1984, AU ab 3.11.2026, falsch 31.02.2026'), ['1984-03-12', '2026-11-03']);
      assert.deepEqual(findDates('geb. 12. 03. 1984; Geb.-Dat. 12.03.84; am 2026-11-03'), ['1984-03-12', '2084-03-12', '2026-11-03']);
      assert.deepEqual(findDates('Betrag 12.345.678,00 und Version 1.2.3'), [], 'no dates in numbers');
      assert.deepEqual(findDates('die Mutter, geb. 13.05.1992. Der Besuch'), ['1992-05-13'], 'a date that ends a sentence');
      assert.deepEqual(findDates('Stand 1.2.2024.5'), [], 'a number after the stop');
      assert.deepEqual(findDates('geb. am 18:12:94'), ['1994-12-18', '2094-12-18'], 'dots OCR read as colons');
      assert.deepEqual(findDates('Fax 24.03.2024 18:28, Uhrzeit 18:28:45'), ['2024-03-24'], 'times of day are no dates');
    });
  });

  describe('member assignment', () => {
    it('assigns only with a valid KVNR of a member whose surname is in the text', () => {
      const sure = assignMember(evidence('Anna Beispiel, geb. 12.03.1984, Vers.-Nr. A123456780'));
      assert.equal(sure.assignedKvnr, 'A123456780');
      assert.equal(sure.confidence, 0.99);
      const noName = assignMember(evidence('Versicherten-Nr. A123456780, Rechnung 85,40 EUR'));
      assert.equal(noName.assignedKvnr, null, 'a number alone is not enough');
      assert.equal(noName.suggestedKvnr, 'A123456780');
    });

    it('never assigns a KVNR whose check digit fails, nor against a different KVNR from the chat or a second member in the text', () => {
      assert.equal(assignMember(evidence('Anna Beispiel, geb. 12.03.1984, Vers.-Nr. A123456789')).assignedKvnr, null);
      const conflict = assignMember(evidence('Anna Beispiel 12.03.1984 A123456780', 'K876543217'));
      assert.equal(conflict.assignedKvnr, null);
      assert.match(conflict.reasons.join(' '), /andere KVNR/);
      assert.equal(assignMember(evidence('Anna Beispiel A123456780, Karl Muster K876543217')).assignedKvnr, null);
    });

    it('suggests, never assigns, by name and birth date or by the chat alone', () => {
      const byName = assignMember(evidence('Patientin: Anna Beispiel, geboren am 12.03.1984', null, [ANNA]));
      assert.deepEqual([byName.assignedKvnr, byName.suggestedKvnr], [null, 'A123456780']);
      const chatOnly = assignMember(evidence('Quittung über 40,00 EUR', 'K876543217'));
      assert.deepEqual([chatOnly.assignedKvnr, chatOnly.suggestedKvnr], [null, 'K876543217']);
    });
  });

  describe('names as documents spell them', () => {
    const withMember = (text: string, person: MemberRecord): AssignmentEvidence => ({
      ...evidence(text),
      members: new Map([[person.kvnr, person]]),
    });
    const kvnr = (firstNine: string) => `${firstNine}${kvnrCheckDigit(firstNine)}`;
    const yildiz = member(kvnr('Y10000001'), 'Elif', 'Yıldız', '1991-05-05');
    const krueger = member(kvnr('L40000008'), 'Lena', 'Krüger', '2001-10-10');
    const weissenfels = member(kvnr('W10000001'), 'Jörg', 'Weißenfels', '1970-01-20');
    const bauer = member(kvnr('B20000001'), 'Karl', 'Bauer', '1960-02-02');

    it('finds Łukasz where OCR read the Ł as a pound sign', () => {
      const lukasz = member(kvnr('N43839545'), 'Łukasz', 'Nowak-Łukasiewicz', '1992-01-27');
      const letter = `£ukasz Nowak-£ukasiewicz\nVers.-Nr. ${lukasz.kvnr}\ngeb. 27.01.1992`;
      assert.equal(assignMember(withMember(letter, lukasz)).assignedKvnr, lukasz.kvnr);
    });

    it('finds Yıldız as Yildiz, Krüger as Krueger or Kruger, Weißenfels as Weissenfels', () => {
      for (const [text, person] of [
        [`Elif Yildiz, Vers.-Nr. ${yildiz.kvnr}`, yildiz],
        [`Lena Krueger, Vers.-Nr. ${krueger.kvnr}`, krueger],
        [`Lena Kruger, Vers.-Nr. ${krueger.kvnr}`, krueger],
        [`Jorg Weissenfels, Vers.-Nr. ${weissenfels.kvnr}`, weissenfels],
      ] as const) {
        const result = assignMember(withMember(text, person));
        assert.equal(result.assignedKvnr, person.kvnr, `${text}: ${result.reasons.join('; ')}`);
      }
    });

    it("never files a parent's claim for a sick child under the child's KVNR without a clerk", () => {
      const thomas = member(kvnr('D21636059'), 'Thomas', 'Müller', '1982-04-17');
      const jonas = { ...member(kvnr('B47297242'), 'Jonas', 'Müller', '2019-07-25'), familyOf: thomas.kvnr };
      const claim = assignMember({
        ...evidence(`Antrag auf Kinderkrankengeld\nAntragsteller: Thomas Müller\nKind: Jonas Müller, Vers.-Nr. ${jonas.kvnr}`),
        members: new Map([thomas, jonas].map((m) => [m.kvnr, m])),
      });
      assert.equal(claim.assignedKvnr, null);
      assert.match(claim.reasons.join(' '), /nennt auch Thomas Müller aus derselben Familienversicherung/);
      const bonus = assignMember({
        ...evidence(`Bonusheft Kinder\nJonas Müller, geb. 25.07.2019, Vers.-Nr. ${jonas.kvnr}`),
        members: new Map([thomas, jonas].map((m) => [m.kvnr, m])),
      });
      assert.equal(bonus.assignedKvnr, jonas.kvnr, "the child's own document, nobody else named");
    });

    it("takes a parent's own children on their claim for granted, and a namesake's name for no doubt", () => {
      const zeynep = member(kvnr('N71335236'), 'Zeynep', 'Aydoğan', '1988-02-03');
      const elif = { ...member(kvnr('A21597450'), 'Elif', 'Aydoğan', '2016-02-01'), familyOf: zeynep.kvnr };
      const family = new Map([zeynep, elif].map((m) => [m.kvnr, m]));
      const claim = `Zeynep Aydoğan\nVersichertennummer: ${zeynep.kvnr}\nAntrag auf Kinderkrankengeld\nmeine Tochter Elif Aydoğan war krank`;
      const sure = assignMember({ ...evidence(claim), members: family, documentType: 'child_sick_pay', typeSure: true });
      assert.equal(sure.assignedKvnr, zeynep.kvnr);
      // The same words, read as an invoice or with the type unsure: whose it is, a clerk decides.
      for (const doubt of [
        { documentType: 'invoice', typeSure: true },
        { documentType: 'child_sick_pay', typeSure: false },
      ])
        assert.equal(assignMember({ ...evidence(claim), members: family, ...doubt }).assignedKvnr, null, JSON.stringify(doubt));
      // A son who carries his father's name: the father's name on the son's certificate says nothing.
      const father = member(kvnr('O56848234'), 'Holger', 'Hofmann', '1972-07-21');
      const son = { ...member(kvnr('H32836220'), 'Holger', 'Hofmann', '2002-12-19'), familyOf: father.kvnr };
      const certificate = `Immatrikulationsbescheinigung\nName: Hofmann, Holger\ngeboren am 19.12.2002\nVers.-Nr. ${son.kvnr}`;
      const both = new Map([father, son].map((m) => [m.kvnr, m]));
      const dates = findDates(certificate);
      const read = assignMember({
        ...evidence(certificate),
        members: both,
        bornOnFoundDates: [father, son].filter((m) => dates.includes(m.birthDate)),
      });
      assert.equal(read.assignedKvnr, son.kvnr);
      // The father's birth date on it is a doubt a clerk must see.
      const withFathersDate = `${certificate}\nVater geboren am 21.07.1972`;
      const both2 = findDates(withFathersDate);
      const doubted = assignMember({
        ...evidence(withFathersDate),
        members: both,
        bornOnFoundDates: [father, son].filter((m) => both2.includes(m.birthDate)),
      });
      assert.equal(doubted.assignedKvnr, null);
      // The father's family insurance form lists the son with his own number: family, not a doubt.
      const familyForm = `Fragebogen zur Familienversicherung\nVersichertennummer des Mitglieds ${father.kvnr}\nHofmann, Holger, geb. 21.07.1972\nWeg 1, 12345 Ort\nFamilienangehörige: Hofmann, Holger, geb. 19.12.2002, Versichertennummer ${son.kvnr}`;
      const onForm = (text: string) => {
        const found = findDates(text);
        return assignMember({
          ...evidence(text),
          members: both,
          bornOnFoundDates: [father, son].filter((m) => found.includes(m.birthDate)),
          documentType: 'membership',
          typeSure: true,
        });
      };
      const listed = onForm(familyForm);
      assert.equal(listed.assignedKvnr, father.kvnr, listed.reasons.join('; '));
      // The father's number, name and address without a birth date: the son of his name lives with him, so a clerk decides;
      // on the father's own claim for sick pay the son, insured through him, cannot be the claimant.
      const sameHome = { street: 'Weg 1', postalCode: '12345' };
      const household = new Map([father, son].map((m) => [m.kvnr, { ...m, ...sameHome }]));
      const letter = `Herrn Holger Hofmann\nWeg 1\n12345 Ort\nVers.-Nr. ${father.kvnr}`;
      const asType = (documentType: string) =>
        assignMember({ ...evidence(letter), members: household, documentType, typeSure: true, bornOnFoundDates: [] });
      const flyer = asType('other');
      assert.equal(flyer.assignedKvnr, null);
      assert.match(flyer.reasons.join(' '), /weitere versicherte Person gleichen Namens versichert \(Holger Hofmann/);
      assert.equal(asType('sick_pay').assignedKvnr, father.kvnr);
      // Listed by name and birth date only, the son is still a namesake a clerk must tell apart.
      assert.equal(onForm(familyForm.replace(`, Versichertennummer ${son.kvnr}`, '')).assignedKvnr, null);
    });

    it("never files a mother's maternity form under her child's number, even when her own number is unreadable", () => {
      const lisa = member(kvnr('S70976278'), 'Lisa', 'Schwarz', '1996-04-13');
      const leon = { ...member(kvnr('S37752514'), 'Leon', 'Schwarz', '2024-07-01'), familyOf: lisa.kvnr };
      const form = `Antrag auf Mutterschaftsgeld\nName, Vorname: Schwarz, Lisa\nVersichertennummer: S#70976278?\nEntbindungstag 01.07.2024\nName des Kindes: Leon Schwarz\nVersichertennummer des Kindes: ${leon.kvnr}`;
      const dates = findDates(form);
      const read = assignMember({
        ...evidence(form),
        members: new Map([lisa, leon].map((m) => [m.kvnr, m])),
        bornOnFoundDates: [lisa, leon].filter((m) => dates.includes(m.birthDate)),
        documentType: 'maternity',
        typeSure: true,
      });
      assert.equal(read.assignedKvnr, null);
      assert.match(read.reasons.join(' '), /Leon Schwarz ist familienversichert; Mutterschaftsgeld beantragt das Mitglied selbst/);
      // Nor a label glued to it.
      assert.deepEqual(
        findKvnrCandidates(`KVNR${lisa.kvnr.slice(0, 1)} ${lisa.kvnr.slice(1)}`).map((c) => c.kvnr),
        [lisa.kvnr],
      );
      // A stray sign after the letter, as OCR leaves it, still reads as her number when its check digit holds.
      assert.deepEqual(
        findKvnrCandidates(`Versichertennummer | S$${lisa.kvnr.slice(1)}`).map((c) => [c.kvnr, c.corrected]),
        [[lisa.kvnr, true]],
      );
    });

    it('assigns a KVNR read through OCR confusions when the full name matches exactly, and never on a look-alike first name', () => {
      const sarah = member(kvnr('H37151607'), 'Sarah', 'Hartmann', '1989-11-02');
      const sara = member(kvnr('H99999999'), 'Sara', 'Hartmann', '1990-01-01');
      const members = new Map([sarah, sara].map((m) => [m.kvnr, m]));
      // "B" for the 3 of H371516076, as OCR reads it off a photo.
      const misread = sarah.kvnr.replace('3', 'B');
      assert.deepEqual(
        findKvnrCandidates(`Vers.-Nr. ${misread}`).map((c) => [c.kvnr, c.corrected]),
        [[sarah.kvnr, true]],
      );
      assert.equal(assignMember({ ...evidence(`Sarah Hartmann\nVers.-Nr. ${misread}`), members }).assignedKvnr, sarah.kvnr);
      assert.equal(assignMember({ ...evidence(`Sara Hartmann\nVers.-Nr. ${misread}`), members }).assignedKvnr, null);
    });

    it("files a child's invoice addressed to the paying parent under the child, unless the invoice names the parent as patient", () => {
      const zeynep = member(kvnr('Z71335236'), 'Zeynep', 'Aydoğan', '1994-12-18');
      const elif = { ...member(kvnr('A21597450'), 'Elif', 'Aydoğan', '2016-02-01'), familyOf: zeynep.kvnr };
      const members = new Map([zeynep, elif].map((m) => [m.kvnr, m]));
      const invoice = (patient: string) =>
        `Frau\nZeynep Aydogan\nSonnenhang 27\nRechnung Nr. RE-2024-44858\n${patient}, geb. 01.02.2016, Vers.-Nr. ${elif.kvnr}\nProfessionelle Zahnreinigung 95,00 €`;
      const read = (text: string, typeSure = true) =>
        assignMember({ ...evidence(text), members, dates: findDates(text), documentType: 'invoice', typeSure });
      assert.equal(read(invoice('Patientin; Elf Aydagan')).assignedKvnr, elif.kvnr);
      assert.equal(read(invoice('Patientin; Elf Aydagan'), false).assignedKvnr, null, 'only on a sure invoice');
      assert.equal(
        read(invoice('Patientin: Zeynep Aydoğan')).assignedKvnr,
        null,
        "the parent named as patient: the child's number is a contradiction",
      );
    });

    it('takes the address as a fact beside the name, and a clean KVNR with first name, birth date and address where OCR lost the surname', () => {
      const gerda = { ...member(kvnr('G94063846'), 'Gerda', 'Groß', '1953-10-23'), street: 'Bahnhofstraße 92', postalCode: '37073' };
      const withGerda = (text: string) => assignMember({ ...evidence(text), members: new Map([[gerda.kvnr, gerda]]) });
      // First name misread, birth date cut off: number, surname and address.
      assert.equal(
        withGerda(`Gero Groß 23.10.5\nBahnhofstraße 92\nD 37073 Göttingen\nVersicherten-Nr. ${gerda.kvnr}`).assignedKvnr,
        gerda.kvnr,
      );
      assert.equal(withGerda(`Gero Groß 23.10.5\nVersicherten-Nr. ${gerda.kvnr}`).assignedKvnr, null, 'surname alone');
      // Surname lost: first name, birth date and address with a cleanly read number.
      const noSurname = `Gerda | 23.10.53\nBahnhofstraße 92\nD 37073 Göttingen\nVersicherten-Nr. ${gerda.kvnr}`;
      assert.equal(withGerda(noSurname).assignedKvnr, gerda.kvnr);
      assert.equal(withGerda(noSurname.replace('Bahnhofstraße 92', 'Bahnhofstraße 9')).assignedKvnr, null, 'another house');
      // … but not with a number read through OCR confusions.
      const misread = gerda.kvnr.replace(/^G/, '6');
      assert.deepEqual(
        findKvnrCandidates(`Nr. ${misread}`).map((c) => c.kvnr),
        [gerda.kvnr],
      );
      assert.equal(withGerda(noSurname.replace(gerda.kvnr, misread)).assignedKvnr, null);
    });

    it('tells two members of the same name apart by birth date, and assigns without a KVNR only with name, birth date and address', () => {
      const older = { ...member(kvnr('M10000001'), 'Anna', 'Schmidt', '1958-06-01'), street: 'Lindenweg 12', postalCode: '50667' };
      const younger = { ...member(kvnr('M10000002'), 'Anna', 'Schmidt', '1991-09-30'), street: 'Am Markt 3', postalCode: '04109' };
      const pair = new Map([older, younger].map((m) => [m.kvnr, m]));
      const about = (text: string, declaredKvnr: string | null = null): AssignmentEvidence => {
        const dates = findDates(text);
        return {
          text,
          candidates: findKvnrCandidates(text),
          members: pair,
          declaredKvnr,
          bornOnFoundDates: [older, younger].filter((m) => dates.includes(m.birthDate)),
          dates,
        };
      };
      // The KVNR decides between them; the other Anna Schmidt is never chosen.
      assert.equal(assignMember(about(`Anna Schmidt, geb. 30.09.1991, Vers.-Nr. ${younger.kvnr}`)).assignedKvnr, younger.kvnr);
      // Without a KVNR: the birth date points to one of them, the address makes it certain.
      const withAddress = assignMember(about('Patientin: Anna Schmidt\ngeb. 01.06.58\nLindenweg 12\n50667 Köln'));
      assert.deepEqual([withAddress.assignedKvnr, withAddress.confidence], [older.kvnr, 0.95]);
      assert.match(withAddress.reasons.join(' '), /Name, Geburtsdatum und Anschrift passen/);
      const streetAbbreviated = assignMember(about('Anna Schmidt, * 30.09.1991, Am Markt 3, 04109 Leipzig'));
      assert.equal(streetAbbreviated.assignedKvnr, younger.kvnr);
      // Name and birth date alone: a suggestion for the clerk, pointing to the right one.
      const noAddress = assignMember(about('Anna Schmidt, geb. 30.09.1991'));
      assert.deepEqual([noAddress.assignedKvnr, noAddress.suggestedKvnr], [null, younger.kvnr]);
      // Another house number, or the other one's postal code, is not her address.
      assert.equal(assignMember(about('Anna Schmidt, geb. 01.06.1958, Lindenweg 121, 50667 Köln')).assignedKvnr, null);
      assert.equal(assignMember(about('Anna Schmidt, geb. 01.06.1958, Lindenweg 12, 04109 Leipzig')).assignedKvnr, null);
      // Both birth dates on one page: no way to tell, a clerk decides.
      assert.equal(
        assignMember(about('Anna Schmidt 01.06.1958 und Anna Schmidt 30.09.1991, Lindenweg 12, 50667 Köln')).suggestedKvnr,
        null,
      );
      // A different KVNR given in the chat outweighs the address.
      assert.equal(assignMember(about('Anna Schmidt, geb. 01.06.1958, Lindenweg 12, 50667 Köln', younger.kvnr)).assignedKvnr, null);
    });

    it("assigns a parent's claim for a sick child without a KVNR to the parent, when the child named with it is insured through that parent", () => {
      const home = { street: 'Heinrich-Heine-Straße 6', postalCode: '79098' };
      const parent = { ...member(kvnr('V19048908'), 'Patrick', 'Hartmann', '1986-11-24'), ...home };
      const child = { ...member(kvnr('H21353842'), 'Liam', 'Hartmann', '2016-03-12'), ...home, familyOf: parent.kvnr };
      const stranger = { ...member(kvnr('H39605284'), 'Mia', 'Hartmann', '2016-03-12'), ...home };
      const form =
        'Antrag auf Kinderkrankengeld\nA Angaben zum Mitglied (antragstellender Elternteil)\nHartmann, Patrick, 24.11.1986\nHeinrich-Heine-Straße 6, 79098 Freiburg\nB Angaben zum erkrankten Kind\nHartmann, Liam 12.03.2016';
      const about = (text: string, documentType: string, typeSure = true, people = [parent, child]): AssignmentEvidence => {
        const dates = findDates(text);
        return {
          text,
          candidates: findKvnrCandidates(text),
          members: new Map(people.map((m) => [m.kvnr, m])),
          declaredKvnr: null,
          bornOnFoundDates: people.filter((m) => dates.includes(m.birthDate)),
          dates,
          documentType,
          typeSure,
        };
      };
      const claim = assignMember(about(form, 'child_sick_pay'));
      assert.equal(claim.assignedKvnr, parent.kvnr, claim.reasons.join('; '));
      assert.match(claim.reasons.join(' '), /über dieses Mitglied versichert\): Antragsteller ist das Mitglied/);
      // An invoice naming both is the patient's: which one, the text does not say.
      assert.equal(assignMember(about(form, 'invoice')).assignedKvnr, null);
      // Not sure it is a claim, or the other person is not insured through the parent: a clerk decides.
      assert.equal(assignMember(about(form, 'child_sick_pay', false)).assignedKvnr, null);
      const notFamily = form.replace('Liam', 'Mia');
      assert.equal(assignMember(about(notFamily, 'child_sick_pay', true, [parent, stranger])).assignedKvnr, null);
      // Without the parent's address it is no more than a suggestion.
      const noAddress = assignMember(about(form.replace('Heinrich-Heine-Straße 6, 79098 Freiburg\n', ''), 'child_sick_pay'));
      assert.deepEqual([noAddress.assignedKvnr, noAddress.suggestedKvnr], [null, parent.kvnr]);
    });

    it("sends a document with two members' KVNRs to a clerk, suggesting the one given in the chat", () => {
      const twoNumbers = assignMember(evidence('Anna Beispiel, A123456780\nKarl Muster, K876543217', 'K876543217'));
      assert.deepEqual([twoNumbers.assignedKvnr, twoNumbers.suggestedKvnr], [null, 'K876543217']);
      assert.match(twoNumbers.reasons.join(' '), /Mehrere KVNR im Text: A123456780, K876543217/);
    });

    it('files a family form under the applicant when the form says which KVNR is whose, otherwise leaves it to a clerk', () => {
      const thomas = member(kvnr('D21636059'), 'Thomas', 'Müller', '1982-04-17');
      const jonas = { ...member(kvnr('B47297242'), 'Jonas', 'Müller', '2019-07-25'), familyOf: thomas.kvnr };
      const family = new Map([thomas, jonas, ANNA].map((m) => [m.kvnr, m]));
      const onForm = (text: string, documentType = 'child_sick_pay') =>
        assignMember({ ...evidence(text), members: family, documentType, typeSure: true });
      const muster21 = onForm(
        `Ärztliche Bescheinigung für den Bezug von Krankengeld bei Erkrankung eines Kindes\nVersicherte(r): Müller, Thomas  geb. 17.04.1982\nVers.-Nr. ${thomas.kvnr}\nName des Kindes: Jonas Müller, geb. 25.07.2019, Vers.-Nr. ${jonas.kvnr}`,
      );
      assert.equal(muster21.assignedKvnr, thomas.kvnr, muster21.reasons.join('; '));
      assert.match(muster21.reasons.join(' '), new RegExp(`${thomas.kvnr} laut Formular die versicherte Person`));
      const questionnaire = onForm(
        `Fragebogen zur Familienversicherung\nMitglied: Thomas Müller, KV-Nr. ${thomas.kvnr}\nFamilienangehöriger: Jonas Müller, KV-Nr. ${jonas.kvnr}`,
      );
      assert.equal(questionnaire.assignedKvnr, thomas.kvnr);
      // Two columns read into one line: each number takes the label in front of it.
      assert.equal(onForm(`Versicherter Thomas Müller ${thomas.kvnr}   Kind Jonas Müller ${jonas.kvnr}`).assignedKvnr, thomas.kvnr);
      // Only with a sure type: a family rule on a type the reading is unsure of would guess whose it is.
      const unsureType = assignMember({
        ...evidence(`Thomas Müller ${thomas.kvnr}\nJonas Müller ${jonas.kvnr}`),
        members: family,
        documentType: 'child_sick_pay',
        typeSure: false,
      });
      assert.equal(unsureType.assignedKvnr, null);
      // Not said which is whose: only a member claims, so it is the member's through whom the child is insured.
      const unlabelled = onForm(`Thomas Müller ${thomas.kvnr}\nJonas Müller ${jonas.kvnr}`);
      assert.equal(unlabelled.assignedKvnr, thomas.kvnr);
      assert.match(unlabelled.reasons.join(' '), /ist das Mitglied, über das die anderen versichert sind/);
      // Both said to be the insured, or a stranger's number as the "child": a clerk decides.
      assert.equal(onForm(`Versicherter: Thomas Müller ${thomas.kvnr}\nVersicherter: Jonas Müller ${jonas.kvnr}`).assignedKvnr, null);
      assert.equal(onForm(`Versicherter: Thomas Müller ${thomas.kvnr}\nKind: Anna Beispiel A123456780`).assignedKvnr, null);
      // An invoice for the child billed to the parent is the child's: the patient's number, labelled so.
      const invoice = onForm(
        `Rechnung\nPatient/in: Jonas Müller, geb. 25.07.2019, Vers.-Nr. ${jonas.kvnr}\nRechnungsempfänger: Thomas Müller (Hauptversicherter, KV-Nr. ${thomas.kvnr})`,
        'invoice',
      );
      assert.equal(invoice.assignedKvnr, jonas.kvnr, invoice.reasons.join('; '));
      assert.equal(
        onForm(`Rechnung\nThomas Müller ${thomas.kvnr}\nJonas Müller ${jonas.kvnr}`, 'invoice').assignedKvnr,
        null,
        'not said who was treated',
      );
      // The patient's number under a plain label at the top, the payer's labelled as such, the patient named below.
      const numberAtTop = (patient: string) =>
        `Versichertennr. ${jonas.kvnr}\nFrau Rechnungs-Nr. 26-30112\nLiquidation\nPatient/in: ${patient}\nRechnungsempfänger: Thomas Müller (Hauptversicherte/r, KV-Nr. ${thomas.kvnr})`;
      const topNumber = onForm(numberAtTop('Jonas Müller, geb. 25.07.2019'), 'invoice');
      assert.equal(topNumber.assignedKvnr, jonas.kvnr, topNumber.reasons.join('; '));
      assert.match(topNumber.reasons.join(' '), /gehört der Person, die das Dokument als Patient nennt/);
      assert.equal(onForm(numberAtTop('Thomas Müller'), 'invoice').assignedKvnr, null, 'the payer named as patient');
      assert.equal(
        onForm(numberAtTop('Jonas Müller').replace('Patient/in', 'Versicherte/r'), 'invoice').assignedKvnr,
        null,
        'no patient named',
      );
      // A treatment plan for the child is the child's, whatever the form calls the parent.
      assert.equal(
        onForm(`Heil- und Kostenplan\nMitglied: Thomas Müller ${thomas.kvnr}\nKind: Jonas Müller ${jonas.kvnr}`, 'prescription_or_plan')
          .assignedKvnr,
        null,
      );
    });

    it('doubts a matching KVNR and name where the document says otherwise, and leaves it to a clerk', () => {
      const zeynep = member(kvnr('N71335236'), 'Zeynep', 'Aydoğan', '1994-12-18');
      const elif = { ...member(kvnr('A21597450'), 'Elif', 'Aydoğan', '2016-02-01'), familyOf: zeynep.kvnr };
      const family = new Map([zeynep, elif].map((m) => [m.kvnr, m]));
      const about = (text: string, documentType: string, extra: MemberRecord[] = []) =>
        assignMember({ ...evidence(text), members: new Map([...family, ...extra.map((m) => [m.kvnr, m] as const)]), documentType });
      const warning = (a: { reasons: string[] }) => a.reasons.find((r) => r.startsWith(WARNING_PREFIX)) ?? '';

      // Sick pay of either kind is the member's own claim, never a family-insured child's.
      const childOnly = about(
        `Ärztliche Bescheinigung: das Kind Elif Aydoğan, geb. 01.02.2016, Vers.-Nr. ${elif.kvnr}, braucht Betreuung`,
        'child_sick_pay',
      );
      assert.equal(childOnly.assignedKvnr, null);
      assert.match(warning(childOnly), /Elif Aydoğan ist familienversichert; Kinderkrankengeld beantragt das Mitglied selbst/);
      assert.equal(
        about(`Elif Aydoğan, geb. 01.02.2016, Vers.-Nr. ${elif.kvnr}`, 'bonus_program').assignedKvnr,
        elif.kvnr,
        'her own bonus booklet is hers',
      );

      // The number printed as the payer's on a patient's invoice, by a member with family: who was treated, a clerk decides.
      const payer = about(`Rechnung Brille\nRechnungsempfängerin: Zeynep Aydoğan (Hauptversicherte, KV-Nr. ${zeynep.kvnr})`, 'invoice');
      assert.equal(payer.assignedKvnr, null);
      assert.match(warning(payer), /als die des Mitglieds oder Rechnungsempfängers/);
      assert.equal(about(`Rechnung Brille\nPatientin: Zeynep Aydoğan, KV-Nr. ${zeynep.kvnr}`, 'invoice').assignedKvnr, zeynep.kvnr);

      // Another member of the same name whose birth date stands on the page.
      const namesake = member(kvnr('N71335237'), 'Zeynep', 'Aydoğan', '1961-03-05');
      const text = `Zeynep Aydoğan, geb. 05.03.1961, Vers.-Nr. ${zeynep.kvnr}`;
      const both = assignMember({
        ...evidence(text),
        members: new Map([...family, [namesake.kvnr, namesake]]),
        bornOnFoundDates: [namesake],
        documentType: 'invoice',
      });
      assert.equal(both.assignedKvnr, null);
      assert.match(
        warning(both),
        new RegExp(`Geburtsdatum einer anderen versicherten Person gleichen oder ähnlichen Namens \\([^)]*${namesake.kvnr}\\)`),
      );
      // Two of one name born on the same day: the date tells nothing, the number decides.
      const twin = { ...namesake, kvnr: kvnr('N71335238'), birthDate: zeynep.birthDate };
      const sameDay = assignMember({
        ...evidence(`Zeynep Aydoğan, geb. 18.12.1994, Vers.-Nr. ${zeynep.kvnr}`),
        members: new Map([...family, [twin.kvnr, twin]]),
        bornOnFoundDates: [zeynep, twin],
        documentType: 'invoice',
      });
      assert.equal(sameDay.assignedKvnr, zeynep.kvnr);
    });

    it('forgives one OCR slip in a long surname, never in a short one', () => {
      assert.equal(assignMember(evidence('Anna Beispie1, geb. 12.03.1984, Vers.-Nr. A123456780')).assignedKvnr, 'A123456780');
      assert.equal(assignMember(withMember(`Karl Baier, Vers.-Nr. ${bauer.kvnr}`, bauer)).assignedKvnr, null, 'Baier is not Bauer');
      // One letter off may be another person carrying a look-alike's number: then the birth date must match too.
      const fischer = member(kvnr('F52092907'), 'Katharina', 'Fischer', '1994-01-02');
      const fischlersLetter = `Katharina Fischler, geb. 28.09.1990, Vers.-Nr. ${fischer.kvnr}`;
      assert.equal(assignMember(withMember(fischlersLetter, fischer)).assignedKvnr, null, 'Fischler is not Fischer');
      assert.equal(
        assignMember(withMember(`Katharina Fischler, geb. 02.01.1994, Vers.-Nr. ${fischer.kvnr}`, fischer)).assignedKvnr,
        fischer.kvnr,
      );
      // OCR puts dots where none are ("Aydoöan" for Aydoğan): one slip, so the birth date decides.
      const burak = member(kvnr('A41339554'), 'Burak', 'Aydoğan', '2018-08-10');
      assert.equal(
        assignMember(withMember(`Kunde: Burak Aydoöan, geb. 10.08.2018, Vers.-Nr. ${burak.kvnr}`, burak)).assignedKvnr,
        burak.kvnr,
      );
      assert.equal(assignMember(withMember(`Kunde: Burak Aydoöan, Vers.-Nr. ${burak.kvnr}`, burak)).assignedKvnr, null);
    });

    it('never takes Sophia for Sophie: a first name one letter off needs the birth date, and the look-alike born on the date named is a doubt', () => {
      const sophie = member(kvnr('F98068560'), 'Sophie', 'Friedrich', '1996-07-22');
      const sophia = member(kvnr('F97872769'), 'Sophia', 'Friedrich', '1994-12-04');
      // Sophia's form, carrying Sophie's number (a look-alike's, mixed up by the employer).
      const text = `Entgeltbescheinigung für die Berechnung des Mutterschaftsgeldes\nArbeitnehmerin Friedrich, Sophia\ngeboren am 04.12.1994\nVersicherten-Nr. ${sophie.kvnr}`;
      const alone = assignMember(withMember(text, sophie));
      assert.equal(alone.assignedKvnr, null, 'Sophia is not Sophie');
      const withLookAlike = assignMember({
        ...evidence(text),
        members: new Map([sophie, sophia].map((m) => [m.kvnr, m])),
        bornOnFoundDates: [sophia],
      });
      assert.equal(withLookAlike.assignedKvnr, null);
      // Sophie's own form with her birth date is hers.
      const own = `Arbeitnehmerin Friedrich, Sophie\ngeboren am 22.07.1996\nVersicherten-Nr. ${sophie.kvnr}`;
      assert.equal(assignMember(withMember(own, sophie)).assignedKvnr, sophie.kvnr);
    });
  });

  describe('the person a document names', () => {
    it('reads the patient or insured person a form names, in either order and after a title', () => {
      assert.equal(namedPerson('Rechnung\nPatient: Lena Krueger\ngeb. 10.10.2001'), 'Lena Krueger');
      assert.equal(namedPerson('Patientin (Name, Vorname): Beispiel, Anna'), 'Beispiel, Anna');
      assert.equal(namedPerson('Versicherte: Frau Dr. Anna Maria Beispiel'), 'Anna Maria Beispiel');
      assert.equal(namedPerson('Name des Kindes:\nClara Beispiel'), 'Clara Beispiel');
      assert.equal(namedPerson('Versicherten-Nr.: A123456780, Rechnung'), undefined);
      // The patient before the insured parent: the invoice is about the patient.
      assert.equal(namedPerson('Versicherte: Zeynep Aydoğan\nPatientin: Elif Aydoğan'), 'Elif Aydoğan');
    });

    it('flags a document naming another person than the member, and never assigns it', () => {
      const other = assignMember(evidence('Patient: Lena Krueger, geb. 12.03.1984, Vers.-Nr. A123456780, Anna Beispiel'));
      assert.equal(other.assignedKvnr, null, 'contradiction: a clerk decides');
      assert.equal(other.suggestedKvnr, 'A123456780');
      const warning = other.reasons.find((r) => r.startsWith(WARNING_PREFIX));
      assert.match(warning ?? '', /nennt „Lena Krueger“ als Person, nicht Anna Beispiel/);
      const same = assignMember(evidence('Patientin: Beispiel, Anna, geb. 12.03.1984, Vers.-Nr. A123456780'));
      assert.equal(same.assignedKvnr, 'A123456780', 'the named patient is the member');
      assert.ok(same.reasons.some((r) => /Person laut Dokument: „Beispiel, Anna“ – passt/.test(r)));
    });
  });

  describe('document type', () => {
    it('reads the type from the text, and explains why', () => {
      const sickNote = classifyText('Arbeitsunfähigkeitsbescheinigung\nErstbescheinigung\narbeitsunfähig seit 03.11.2026', null);
      assert.equal(sickNote.type, 'sick_note');
      assert.ok(sickNote.confidence >= 0.7, String(sickNote.confidence));
      assert.match(sickNote.reasons.join(' '), /Arbeitsunfähigkeitsbescheinigung/);
      assert.equal(
        classifyText('Rechnung Nr. 2026-118\nProfessionelle Zahnreinigung GOZ 1040\nRechnungsbetrag 85,40 €', null).type,
        'invoice',
      );
      assert.equal(classifyText('Antrag auf Kinderkrankengeld wegen Erkrankung des Kindes', null).type, 'child_sick_pay');
      // The doctor's form for a sick child says "Krankengeld" in its title: it is still the child's.
      const form21 = classifyText(
        'Ärztliche Bescheinigung für den Bezug von Krankengeld bei Erkrankung eines Kindes\nName des Kindes: Clara Beispiel\nMuster 21',
        null,
      );
      assert.equal(form21.type, 'child_sick_pay', form21.reasons.join('; '));
      assert.equal(classifyText('Auszahlschein für Krankengeld\narbeitsunfähig seit 01.10.2026', null).type, 'sick_pay');
      assert.equal(classifyText('Heil- und Kostenplan für Zahnersatz', null).type, 'prescription_or_plan');
    });

    it('reads child sick pay papers that never say "Kinderkrankengeld": the employer\'s and the paediatrician\'s', () => {
      const employer = classifyText(
        'Bescheinigung des Arbeitgebers über die unbezahlte Freistellung\nwegen Erkrankung eines:Kindes (& 45 SGB Ve\nerkranktes Kind Levi Kuhn',
        null,
      );
      assert.equal(employer.type, 'child_sick_pay', employer.reasons.join('; '));
      const paediatrician = classifyText(
        'Ärztliche Bescheinigung\nDas Kind bedarf vom 30.01. bis 01.02. der Betreuung und Pflege durch die Mutter, Frau Joanna Beispiel.',
        null,
      );
      assert.equal(paediatrician.type, 'child_sick_pay', paediatrician.reasons.join('; '));
      assert.ok(paediatrician.confidence >= 0.7, `${paediatrician.confidence}`);
      // As OCR reads a photo of it: a full stop for the space, and the words of § 45 SGB V.
      const photographed = classifyText(
        'Ärztliche Bescheinigung\nDas Kind bedarf vom 21.04. bis 25.04. der Beaufsichtigung, Betreuung und .\nPflege.durch den Vater, Herrn Patrick Beispiel.',
        null,
      );
      assert.equal(photographed.type, 'child_sick_pay', photographed.reasons.join('; '));
      assert.ok(photographed.confidence >= 0.7, `${photographed.confidence}`);
      // The member's own sick pay is § 44.
      assert.notEqual(classifyText('Krankengeld nach § 44 SGB V, arbeitsunfähig seit 01.10.2026', null).type, 'child_sick_pay');
    });

    it("reads the registry office's birth certificate for maternity benefit as maternity", () => {
      const certificate = classifyText(
        'Standesamt Marburg\nGeburtsbescheinigung\nfür Mutterschaftshilfe — nur gültig für die Krankenkasse —\nVorname(n) des Kindes Leon',
        null,
      );
      assert.equal(certificate.type, 'maternity', certificate.reasons.join('; '));
      assert.ok(certificate.confidence >= 0.7, `${certificate.confidence}`);
    });

    it("takes the member's choice as a strong signal, but not against clear text", () => {
      const confirmed = classifyText('Rechnung über Osteopathie 120,00 EUR', 'invoice');
      assert.equal(confirmed.type, 'invoice');
      assert.match(confirmed.reasons.join(' '), /bestätigt/);
      const contradicted = classifyText('Arbeitsunfähigkeitsbescheinigung Erstbescheinigung arbeitsunfähig seit 01.11.2026', 'invoice');
      assert.equal(contradicted.type, 'sick_note');
      assert.match(contradicted.reasons.join(' '), /passt nicht zum Inhalt/);
      const unclear = classifyText('Sehr geehrte Damen und Herren, anbei die Unterlagen.', 'bonus');
      assert.deepEqual([unclear.type, unclear.confidence], ['bonus_program', 0.5]);
      assert.equal(classifyText('Sehr geehrte Damen und Herren', null).type, 'other');
    });

    it('weighs the learned model: agreement noted, a sure disagreement takes its type to a clerk unless the chat backs the rules', () => {
      const text = 'Rechnung Nr. 7 über Osteopathie, Rechnungsbetrag 120,00 EUR';
      const agreed = classifyText(text, null, { type: 'invoice', probability: 0.9 });
      assert.equal(agreed.confidence, classifyText(text, null).confidence, "agreement keeps the rules' confidence");
      assert.match(agreed.reasons.join(' '), /Modell stimmt zu \(90 %\)/);
      const disputed = classifyText(text, null, { type: 'sick_pay', probability: 0.8 });
      assert.equal(disputed.type, 'sick_pay', 'the sure model is shown as the suggestion');
      assert.ok(disputed.confidence < 0.7, 'below the routing threshold');
      assert.match(disputed.reasons.join(' '), /Hinweise auf Rechnung: .*Modell widerspricht: eher Krankengeld \(80 %\)/);
      const backedByChat = classifyText(text, 'invoice', { type: 'sick_pay', probability: 0.8 });
      assert.deepEqual([backedByChat.type, backedByChat.confidence < 0.7], ['invoice', true], "the member's choice backs the rules");
      const unsure = classifyText(text, null, { type: 'sick_pay', probability: 0.4 });
      assert.equal(unsure.confidence, agreed.confidence, 'an unsure model changes nothing');
      const modelOnly = classifyText('Bitte um Übernahme der Kosten für das Hörgerät', null, {
        type: 'prescription_or_plan',
        probability: 0.85,
      });
      assert.deepEqual([modelOnly.type, modelOnly.confidence < 0.7], ['prescription_or_plan', true]);
    });

    it('reads a document page by page when a cover letter in front drowns the form', () => {
      const cover = 'Sehr geehrte Damen und Herren, anbei sende ich Ihnen meine Unterlagen. Mit freundlichen Grüßen';
      const form =
        'Arbeitsunfähigkeitsbescheinigung\nErstbescheinigung\narbeitsunfähig seit 03.11.2026\nvoraussichtlich arbeitsunfähig bis 14.11.2026';
      // The model reads the letter's words as a letter, wherever they stand.
      const model = (text: string) =>
        text.includes('anbei') ? { type: 'other' as const, probability: 0.9 } : { type: 'sick_note' as const, probability: 0.9 };
      const result = classifyPages([cover, form], null, model);
      assert.deepEqual([result.type, result.reasons[0]], ['sick_note', 'nach Seite 2']);
      assert.ok(result.confidence >= 0.7, 'the form page alone is sure');
      assert.equal(classifyPages([cover], null, model).type, 'other', 'a cover letter alone stays a letter');
      const clear = classifyPages([form, 'Seite 2 von 2'], null, () => undefined);
      assert.deepEqual([clear.type, clear.reasons[0]?.startsWith('nach Seite')], ['sick_note', false], 'read as a whole when that is sure');
    });

    it("leaves a page of payment terms out: it is the same behind any form and says 'Rechnung'", () => {
      const cover = 'Fax an die Krankenkasse\nSeiten 3 (inkl. Deckblatt)\nBetreff: Unterlagen für Ihre Versicherte';
      const plan = 'Kieferorthopädischer Behandlungsplan\nPatient: Mia Beispiel, geb. 02.05.2015\nKIG-Einstufung D4';
      const terms =
        'Allgemeine Hinweise und Zahlungsbedingungen\n1. Rechnungen sind innerhalb von 30 Tagen ohne Abzug zahlbar.\n2. Bitte geben Sie stets die Rechnungsnummer an. Gesamtbetrag, IBAN';
      assert.equal(classifyText([cover, plan, terms].join('\n'), null).type, 'invoice', 'read together, the terms win');
      const result = classifyPages([cover, plan, terms], null, () => undefined);
      assert.equal(result.type, 'prescription_or_plan', result.reasons.join('; '));
      assert.ok(result.reasons.includes('Seite 3: allgemeine Bedingungen, nicht gewertet'), result.reasons.join('; '));
      // An invoice with its terms stays an invoice; terms alone are still read.
      const invoice = 'Rechnung Nr. 2026-118\nProfessionelle Zahnreinigung GOZ 1040\nRechnungsbetrag 85,40 €';
      assert.equal(classifyPages([invoice, terms], null, () => undefined).type, 'invoice');
      assert.equal(classifyPages([terms], null, () => undefined).type, 'invoice');
      // Only a page titled so: an invoice that states its terms at the foot is not a terms page.
      assert.equal(isTermsPage(terms), true);
      assert.equal(
        isTermsPage(`${invoice}\n${'Leistung 1040 Zahnreinigung 1x 85,40\n'.repeat(10)}Zahlungsbedingungen: 14 Tage netto`),
        false,
      );
    });

    it('keeps a gym advert that promises bonus stamps, and an electricity bill, out of the departments, even against a sure model', () => {
      const advert =
        'FitLife Studio – Rückenfit, zertifizierter Präventionskurs\n+ Bonusheft-Stempel für dein Bonusprogramm\n* Aktion gültig bis 18.11.2024. Mindestlaufzeit 12 Monate. Jetzt anmelden!';
      const sureBonus = () => ({ type: 'bonus_program' as const, probability: 0.95 });
      const readAdvert = classifyText(advert, null, sureBonus());
      assert.equal(readAdvert.type, 'other', readAdvert.reasons.join('; '));
      assert.match(readAdvert.reasons.join(' '), /Werbung/);
      assert.ok(readAdvert.confidence < 0.7, 'the model disagrees: a clerk looks');
      // A course's certificate of attendance for the bonus programme is no advert.
      const certificate =
        'Teilnahmebestätigung Präventionskurs Rückenfit\nfür Ihr Bonusprogramm\nTeilnehmerin: Anna Beispiel, 8 von 8 Terminen';
      assert.equal(classifyText(certificate, null).type, 'bonus_program');
      const electricity =
        'Stadtwerke Musterstadt\nJahresabrechnung Strom 2023\nRechnungsnummer 20246105\nZähler 43ESY87413134  3533 kWh  1.208,29\nGesamtbetrag 1.358,31 €';
      const readBill = classifyText(electricity, null);
      assert.equal(readBill.type, 'other', readBill.reasons.join('; '));
      assert.match(readBill.reasons.join(' '), /Versorgerrechnung/);
      assert.equal(classifyText('Rechnung Nr. 7 über Osteopathie, Rechnungsbetrag 120,00 EUR', null).type, 'invoice');
    });

    it('knows a prescription sheet and a cost estimate as prescriptions and plans', () => {
      assert.equal(classifyText('Muster 16\nRp. Ibuprofen 600 N2 aut idem', null).type, 'prescription_or_plan');
      assert.equal(classifyText('Kostenvoranschlag Hörsystem, Eigenanteil 450,00 EUR', null).type, 'prescription_or_plan');
    });

    it('trains the model on the shipped examples; it reads texts it has not seen, and survives a save and restore', () => {
      const examples = shippedExamples();
      assert.ok(examples.length >= 40, String(examples.length));
      const trained = TypeModel.train(examples);
      const model = TypeModel.restore(trained.serialise());
      assert.ok(model, 'restored');
      const cases: Array<[string, string]> = [
        ['Hiermit kündige ich meine Mitgliedschaft zum nächstmöglichen Zeitpunkt', 'membership'],
        ['Teilnahmebestätigung Präventionskurs Yoga, acht Termine', 'bonus_program'],
        ['Zahnärztliche Rechnung, Füllung, Betrag zahlbar innerhalb 14 Tagen', 'invoice'],
        ['Verordnung Physiotherapie, sechs Behandlungen Krankengymnastik', 'prescription_or_plan'],
      ];
      for (const [text, type] of cases) assert.equal(model.opinion(text)?.type, type, text);
      const sure = model.opinion(cases[0]![0])!;
      assert.ok(sure.probability > 1 / 9 && sure.probability <= 1, `a share of the probability, above chance: ${sure.probability}`);
      assert.deepEqual(model.opinion(cases[1]![0]), trained.opinion(cases[1]![0]), 'the restored model thinks as the trained one');
      // A model stored by an older version (naive Bayes) or damaged is not used: a new one is trained instead.
      assert.equal(TypeModel.restore('{"classifier":"bayes","docs":[]}'), undefined);
      assert.equal(TypeModel.restore('not json'), undefined);
    });
  });
});
