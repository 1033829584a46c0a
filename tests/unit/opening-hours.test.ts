import assert from 'node:assert/strict';
import { parseConfig } from '../../server/config/index.js';
import { OpeningHours, parseWeeklyHours } from '../../domain/livechat/opening-hours.js';

const berlin = (local: string) => new Date(`${local}+01:00`);

describe('live chat opening hours', () => {
  const hours = new OpeningHours(
    parseConfig({ LIVECHAT_HOURS: 'Mo-Fr 08:00-18:00,Sa 09:30-12:00', LIVECHAT_HOLIDAYS: 'DE-NW', LIVECHAT_CLOSED_DAYS: '2026-12-24' })
      .livechat.openingHours,
    'Europe/Berlin',
  );

  it("is open within the weekly hours in the insurer's time zone, and closed outside", () => {
    assert.equal(hours.isOpen(berlin('2026-11-23T08:00:00')), true, 'Monday 8:00');
    assert.equal(hours.isOpen(berlin('2026-11-23T17:59:00')), true);
    assert.equal(hours.isOpen(berlin('2026-11-23T18:00:00')), false, 'closing time itself is closed');
    assert.equal(hours.isOpen(berlin('2026-11-23T07:59:00')), false);
    assert.equal(hours.isOpen(new Date('2026-11-23T07:30:00Z')), true, '7:30 UTC is 8:30 in Berlin');
    assert.equal(hours.isOpen(berlin('2026-11-28T10:00:00')), true, 'Saturday morning');
    assert.equal(hours.isOpen(berlin('2026-11-28T12:30:00')), false);
    assert.equal(hours.isOpen(berlin('2026-11-29T10:00:00')), false, 'Sunday');
  });

  it("is closed on the region's public holidays and the configured days", () => {
    assert.equal(hours.isOpen(berlin('2026-12-25T10:00:00')), false, 'Christmas');
    assert.equal(hours.isOpen(berlin('2026-06-04T10:00:00')), false, 'Fronleichnam in NRW');
    assert.equal(hours.isOpen(berlin('2026-12-24T10:00:00')), false, 'configured closed day');
    const berlinState = new OpeningHours(parseConfig({ LIVECHAT_HOLIDAYS: 'DE-BE' }).livechat.openingHours, 'Europe/Berlin');
    assert.equal(berlinState.isOpen(berlin('2026-06-04T10:00:00')), true, 'no Fronleichnam in Berlin');
  });

  it('lists the closed days ahead by name, only those the weekly hours would open', () => {
    assert.deepEqual(hours.closedDaysBetween('2026-12-20', '2027-01-02'), [
      { date: '2026-12-24', reason: 'Zusätzlicher Schließtag' },
      { date: '2026-12-25', reason: '1. Weihnachtstag' },
      { date: '2026-12-26', reason: '2. Weihnachtstag' },
      { date: '2027-01-01', reason: 'Neujahr' },
    ]);
    assert.deepEqual(
      hours.closedDaysBetween('2026-05-30', '2026-06-07').map((d) => d.reason),
      ['Fronleichnam'],
    );
  });

  it('describes the hours for members and rejects what it cannot read', () => {
    assert.equal(hours.describe(), 'Mo–Fr 8–18 Uhr, Sa 9:30–12 Uhr');
    assert.match(String(parseWeeklyHours('Fr-Mo 08:00-18:00')), /forward/);
    assert.match(String(parseWeeklyHours('Mo-Fr 18:00-08:00')), /after opening/);
    assert.throws(
      () => parseConfig({ LIVECHAT_HOURS: 'weekdays 8-18', LIVECHAT_HOLIDAYS: 'XX', LIVECHAT_CLOSED_DAYS: '24.12.2026' }),
      (err: Error & { problems?: string[] }) => {
        assert.deepEqual(err.problems?.map((p) => p.split(':')[0]).sort(), ['LIVECHAT_CLOSED_DAYS', 'LIVECHAT_HOLIDAYS', 'LIVECHAT_HOURS']);
        return true;
      },
    );
  });
});
